package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.cloud.AzureScans;
import dev.holdfast.cli.cloud.AzureScans.Scan;
import dev.holdfast.cli.cloud.AzureServer;
import dev.holdfast.cli.cloud.ExpectedFindings;
import dev.holdfast.cli.cloud.LocalTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code holdfast cloud azure} end to end: Azure Identity gets a token from a private authority (no instance
 * discovery) and azure-core's pipeline reads Graph and ARM, all over TLS from a local server whose self-signed
 * certificate is trusted through {@code javax.net.ssl.trustStore}.
 */
class CloudAzureCommandTest {
    static final Instant NOW = AzureScans.NOW;
    static final Path FIXTURES = AzureScans.FIXTURES;
    static final String TENANT = AzureScans.TENANT;
    static final String SUB = AzureScans.SUB;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tlsDir;
    static LocalTls tls;

    @BeforeAll
    static void tls() throws Exception {
        tls = new LocalTls(tlsDir);
        tls.trustForJvm();
    }

    @AfterAll
    static void restore() {
        LocalTls.restoreJvmTrust();
    }

    static Scan scan(String scenario, Consumer<AzureServer> setup, String... extra) throws Exception {
        return AzureScans.scan(tls, scenario, setup, extra);
    }

    static Scan scan(String scenario, String... extra) throws Exception {
        return scan(scenario, s -> { }, extra);
    }

    @Test
    void tenantFindingsOnTheRightPrincipals(@TempDir Path dir) throws Exception {
        Path snap = dir.resolve("azure.json");
        Scan s = scan("tenant", "--snapshot-out", snap.toString());
        assertThat(s.run().err()).isEmpty();
        assertThat(s.run().exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExpectedFindings.check(s.report(), FIXTURES.resolve("tenant/expected.yml"))).as(s.run().out())
                .isEmpty();
        // second pages followed through @odata.nextLink and nextLink; no instance discovery against the authority
        assertThat(s.server().calls).anyMatch(c -> c.contains("servicePrincipals?$skiptoken=page2"))
                .anyMatch(c -> c.contains("roleAssignments?api-version=2022-04-01&$skiptoken=page2"))
                .anyMatch(c -> c.startsWith("POST /" + TENANT + "/oauth2/v2.0/token"))
                .noneMatch(c -> c.contains("discovery/instance"));
        JsonNode snapshot = JSON.readTree(snap.toFile());
        assertThat(snapshot.path("provider").asText()).isEqualTo("azure");
        assertThat(snapshot.path("account").asText()).isEqualTo(TENANT);
        assertThat(snapshot.path("subscription").asText()).isEqualTo(SUB);
        String text = Files.readString(snap);
        assertThat(text).contains("2099-12-31T23:59:59Z").contains("\"kind\" : \"agent\"")
                .doesNotContain("Qx~").doesNotContain("hint");
    }

    @Test
    void creepAgainstTheFirstSnapshot(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.json");
        scan("tenant", "--snapshot-out", first.toString());
        Scan creep = scan("tenant-creep", "--baseline", first.toString());
        assertThat(creep.run().exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExpectedFindings.check(creep.report(), FIXTURES.resolve("tenant-creep/expected.yml")))
                .as(creep.run().out()).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetried() throws Exception {
        Scan s = scan("tenant", srv -> {
            srv.fault("applications", "429 TooManyRequests 2");
            srv.fault("roleDefinitions", "503 ServiceUnavailable 1");
        });
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(s.server().calls.stream().filter(c -> c.equals("GET /v1.0/applications"))).hasSize(3);
        assertThat(ExpectedFindings.check(s.report(), FIXTURES.resolve("tenant/expected.yml"))).isEmpty();
    }

    @Test
    void accessDeniedOnArmIsPartial() throws Exception {
        Scan s = scan("tenant", srv -> srv.fault("roleAssignments", "403 AuthorizationFailed"));
        assertThat(s.run().exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(s.run().err()).contains("partial").contains("arm:roleAssignments").contains("AuthorizationFailed");
        assertThat(s.report().at("/target/partial").asBoolean()).isTrue();
        // Graph was read: the credential findings are still there
        assertThat(s.report().path("findings").toString()).contains("azure-credential-expired");
    }

    @Test
    void badCredentialsAreOneLine() throws Exception {
        Scan s = scan("tenant", srv -> srv.fault("token", "401 invalid_client"));
        assertThat(s.run().exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(s.run().out()).isEmpty();
        assertThat(s.run().err().strip()).startsWith("holdfast: Azure rejected the credentials").doesNotContain("\n")
                .doesNotContain("fixture-client-secret");
    }

    @Test
    void withoutRoleDefinitionsBuiltInRolesAreKnownByTheirIds() throws Exception {
        Scan s = scan("tenant", srv -> srv.fault("roleDefinitions", "404 ResourceNotFound"));
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(s.report().at("/target/partial").asBoolean()).isFalse();
        assertThat(s.report().path("warnings").toString()).contains("arm:roleDefinitions");
        assertThat(ExpectedFindings.check(s.report(), FIXTURES.resolve("tenant/expected.yml"))).isEmpty();
    }

    // Activity (issue 20): the subscription's Activity Log (ARM Microsoft.Insights/eventtypes/management/values) and
    // the Entra audit log (Graph auditLogs/directoryAudits), both paged by nextLink over HTTPS, name who made each
    // change. Baseline: `tenant` a week earlier; now: `tenant-activity` (the billing service principal assigned itself
    // Owner; a person, through the agent application, made it Contributor; another person added a secret to the
    // billing application).

    static final String BILLING_SP = "/servicePrincipals/5e1f0000-0002-4c2d-8e9f-0a1b2c3d4f02";
    static final String ASSIGNMENTS = "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments/";

    static Path activityBaseline(Path dir) throws Exception {
        Path snap = dir.resolve("baseline.json");
        Scan b = AzureScans.scanAt(NOW.minus(Duration.ofDays(7)), tls, "tenant", s -> { }, "--snapshot-out",
                snap.toString());
        assertThat(b.run().exit()).as(b.run().err()).isEqualTo(ExitCode.FINDINGS);
        return snap;
    }

    static JsonNode findingOf(JsonNode report, String rule, String resource, String grant) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals(rule) && f.at("/location/resource").asText().equals(resource)
                    && (grant == null || f.at("/properties/grant").asText().equals(grant))) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " on " + resource + " in " + report.path("findings"));
    }

    @Test
    void aServicePrincipalGrantingItselfOwnerAndAPersonsNewSecretAreAttributed(@TempDir Path dir) throws Exception {
        Path base = activityBaseline(dir);
        Scan s = AzureScans.scan(tls, "tenant-activity", srv -> { }, "--baseline", base.toString());
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(s.report().at("/target/partial").asBoolean()).isFalse();
        // both logs were read to their last page
        assertThat(s.server().calls).anyMatch(c -> c.contains("/values") && c.contains("skiptoken=page2"));
        assertThat(s.server().calls).anyMatch(c -> c.contains("/directoryAudits") && c.contains("skiptoken=page2"));
        assertThat(s.server().calls).anyMatch(c -> c.contains("/values?") && c.contains("eventTimestamp"));

        JsonNode owner = findingOf(s.report(), "cloud-privilege-creep", BILLING_SP, "role:Owner on /subscriptions/" + SUB);
        assertThat(owner.at("/introducedBy/name").asText()).isEqualTo("billing-sync");
        assertThat(owner.at("/introducedBy/kind").asText()).isEqualTo("workload");
        assertThat(owner.at("/properties/selfChange").asText()).isEqualTo("true");
        assertThat(owner.at("/properties/changeEvent").asText()).isEqualTo("4b3a2c1d-0007-4e5f-8a9b-0c1d2e3f4a72");
        assertThat(owner.path("message").asText()).contains("granted by workload billing-sync to itself");
        JsonNode ownerAssignment = findingOf(s.report(), "azure-privileged-role-assignment",
                ASSIGNMENTS + "3c2b1a09-0007-4e8f-9d7c-6b5a4f3e2d07", null);
        assertThat(ownerAssignment.at("/properties/changeEvent").asText())
                .isEqualTo("4b3a2c1d-0007-4e5f-8a9b-0c1d2e3f4a72");

        // a person acting through the agent application: the agent made the change, on that person's behalf
        JsonNode contributor = findingOf(s.report(), "cloud-privilege-creep", BILLING_SP,
                "role:Contributor on /subscriptions/" + SUB);
        assertThat(contributor.at("/introducedBy/name").asText()).isEqualTo("report-agent");
        assertThat(contributor.at("/introducedBy/kind").asText()).isEqualTo("agent");
        assertThat(contributor.at("/introducedBy/onBehalfOf/name").asText()).isEqualTo("erin.walsh@contoso.example");
        assertThat(contributor.at("/properties/changeEvent").asText()).isEqualTo("4b3a2c1d-0005-4e5f-8a9b-0c1d2e3f4a52");

        JsonNode secret = findingOf(s.report(), "cloud-credential-added", "/applications/a1f0c7de-0002-4a6b-9c1d-3e5f7a9b0c02",
                null);
        assertThat(secret.at("/introducedBy/name").asText()).isEqualTo("carol.jones@contoso.example");
        assertThat(secret.at("/introducedBy/kind").asText()).isEqualTo("human");
        assertThat(secret.at("/introducedBy/email").asText()).isEqualTo("carol.jones@contoso.example");
        assertThat(secret.at("/properties/changeSource").asText()).isEqualTo("entra-audit");
        assertThat(secret.path("message").asText()).contains("created by person carol.jones@contoso.example");

        // what else the agent touched: Owner of the whole subscription, changes in one resource group only
        JsonNode scope = findingOf(s.report(), "azure-unused-role-scope", ASSIGNMENTS
                + "3c2b1a09-0001-4e8f-9d7c-6b5a4f3e2d01", null);
        assertThat(scope.at("/properties/usedScopes").asText()).isEqualTo("/subscriptions/" + SUB
                + "/resourceGroups/reports");
        assertThat(scope.at("/properties/suggestion").asText()).isEqualTo("assign Owner on /subscriptions/" + SUB
                + "/resourceGroups/reports instead");
        assertThat(scope.at("/properties/identityKind").asText()).isEqualTo("agent");
    }

    @Test
    void aDeniedAuditLogIsPartialForAttributionOnly(@TempDir Path dir) throws Exception {
        Path base = activityBaseline(dir);
        Scan s = AzureScans.scan(tls, "tenant-activity", srv -> srv.fault("directoryAudits",
                "403 Authorization_RequestDenied"), "--baseline", base.toString());
        assertThat(s.run().exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(s.run().err()).contains("partial azure scan (attribution only)", "graph:directoryAudits");
        JsonNode secret = findingOf(s.report(), "cloud-credential-added", "/applications/a1f0c7de-0002-4a6b-9c1d-3e5f7a9b0c02",
                null);
        assertThat(secret.has("introducedBy")).isFalse();
        assertThat(secret.at("/properties/attribution").asText()).isEqualTo("unattributed");
        // the Activity Log was read: its changes are still attributed
        JsonNode owner = findingOf(s.report(), "cloud-privilege-creep", BILLING_SP, "role:Owner on /subscriptions/" + SUB);
        assertThat(owner.at("/introducedBy/name").asText()).isEqualTo("billing-sync");
    }
}

package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.cli.cloud.AzureScans;
import dev.holdfast.cli.cloud.AzureScans.Scan;
import dev.holdfast.cli.cloud.LocalTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.holdfast.cli.cloud.AzureScans.NOW;
import static dev.holdfast.cli.cloud.AzureScans.SUB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code holdfast cloud azure --baseline} with activity: the subscription's Activity Log (ARM
 * Microsoft.Insights/eventtypes/management/values) and the Entra audit log (Graph auditLogs/directoryAudits), both
 * paged by nextLink over HTTPS, name who made each change. Baseline: {@code tenant} a week earlier; now:
 * {@code tenant-activity} (the billing service principal assigned itself Owner; a person, through the agent
 * application, made it Contributor; another person added a secret to the billing application).
 */
class CloudActivityAzureTest {
    static final String BILLING_SP = "/servicePrincipals/5e1f0000-0002-4c2d-8e9f-0a1b2c3d4f02";
    static final String ASSIGNMENTS = "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments/";

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

    static Path baseline(Path dir) throws Exception {
        Path snap = dir.resolve("baseline.json");
        Scan b = AzureScans.scanAt(NOW.minus(Duration.ofDays(7)), tls, "tenant", s -> { }, "--snapshot-out",
                snap.toString());
        assertThat(b.run().exit()).as(b.run().err()).isEqualTo(ExitCode.FINDINGS);
        return snap;
    }

    static JsonNode finding(JsonNode report, String rule, String resource, String grant) {
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
        Path base = baseline(dir);
        Scan s = AzureScans.scan(tls, "tenant-activity", srv -> { }, "--baseline", base.toString());
        assertThat(s.run().exit()).as(s.run().err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(s.report().at("/target/partial").asBoolean()).isFalse();
        // both logs were read to their last page
        assertThat(s.server().calls).anyMatch(c -> c.contains("/values") && c.contains("skiptoken=page2"));
        assertThat(s.server().calls).anyMatch(c -> c.contains("/directoryAudits") && c.contains("skiptoken=page2"));
        assertThat(s.server().calls).anyMatch(c -> c.contains("/values?") && c.contains("eventTimestamp"));

        JsonNode owner = finding(s.report(), "cloud-privilege-creep", BILLING_SP, "role:Owner on /subscriptions/" + SUB);
        assertThat(owner.at("/introducedBy/name").asText()).isEqualTo("billing-sync");
        assertThat(owner.at("/introducedBy/kind").asText()).isEqualTo("workload");
        assertThat(owner.at("/properties/selfChange").asText()).isEqualTo("true");
        assertThat(owner.at("/properties/changeEvent").asText()).isEqualTo("4b3a2c1d-0007-4e5f-8a9b-0c1d2e3f4a72");
        assertThat(owner.path("message").asText()).contains("granted by workload billing-sync to itself");
        JsonNode ownerAssignment = finding(s.report(), "azure-privileged-role-assignment",
                ASSIGNMENTS + "3c2b1a09-0007-4e8f-9d7c-6b5a4f3e2d07", null);
        assertThat(ownerAssignment.at("/properties/changeEvent").asText())
                .isEqualTo("4b3a2c1d-0007-4e5f-8a9b-0c1d2e3f4a72");

        // a person acting through the agent application: the agent made the change, on that person's behalf
        JsonNode contributor = finding(s.report(), "cloud-privilege-creep", BILLING_SP,
                "role:Contributor on /subscriptions/" + SUB);
        assertThat(contributor.at("/introducedBy/name").asText()).isEqualTo("report-agent");
        assertThat(contributor.at("/introducedBy/kind").asText()).isEqualTo("agent");
        assertThat(contributor.at("/introducedBy/onBehalfOf/name").asText()).isEqualTo("erin.walsh@contoso.example");
        assertThat(contributor.at("/properties/changeEvent").asText()).isEqualTo("4b3a2c1d-0005-4e5f-8a9b-0c1d2e3f4a52");

        JsonNode secret = finding(s.report(), "cloud-credential-added", "/applications/a1f0c7de-0002-4a6b-9c1d-3e5f7a9b0c02",
                null);
        assertThat(secret.at("/introducedBy/name").asText()).isEqualTo("carol.jones@contoso.example");
        assertThat(secret.at("/introducedBy/kind").asText()).isEqualTo("human");
        assertThat(secret.at("/introducedBy/email").asText()).isEqualTo("carol.jones@contoso.example");
        assertThat(secret.at("/properties/changeSource").asText()).isEqualTo("entra-audit");
        assertThat(secret.path("message").asText()).contains("created by person carol.jones@contoso.example");
    }

    @Test
    void aDeniedAuditLogIsPartialForAttributionOnly(@TempDir Path dir) throws Exception {
        Path base = baseline(dir);
        Scan s = AzureScans.scan(tls, "tenant-activity", srv -> srv.fault("directoryAudits",
                "403 Authorization_RequestDenied"), "--baseline", base.toString());
        assertThat(s.run().exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(s.run().err()).contains("partial azure scan (attribution only)", "graph:directoryAudits");
        JsonNode secret = finding(s.report(), "cloud-credential-added", "/applications/a1f0c7de-0002-4a6b-9c1d-3e5f7a9b0c02",
                null);
        assertThat(secret.has("introducedBy")).isFalse();
        assertThat(secret.at("/properties/attribution").asText()).isEqualTo("unattributed");
        // the Activity Log was read: its changes are still attributed
        JsonNode owner = finding(s.report(), "cloud-privilege-creep", BILLING_SP, "role:Owner on /subscriptions/" + SUB);
        assertThat(owner.at("/introducedBy/name").asText()).isEqualTo("billing-sync");
    }
}

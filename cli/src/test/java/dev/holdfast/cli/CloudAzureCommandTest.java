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
}

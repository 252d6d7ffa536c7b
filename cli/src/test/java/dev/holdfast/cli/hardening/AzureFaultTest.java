package dev.holdfast.cli.hardening;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.cloud.AzureServer;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.LocalTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azure faults that never clear (the cloud tests cover faults that clear after retries): persistent throttling on
 * Graph and persistent 503 on ARM are retried a bounded number of times, and an answer cut halfway is not retried;
 * then the scan fails or is partial with exit 3 and no stack trace — never clean.
 */
class AzureFaultTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Path FIXTURES = Path.of("..", "fixtures", "cloud", "azure");
    private static final String TENANT = "7f3c2a9e-1b4d-4c8e-9a6f-2d5e8b1c0a34";
    private static final String SUB = "5b1e9c3d-2a7f-4e6b-8d9c-1f0a3b5c7d2e";

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

    private static long scanWithFault(String name, String spec, String callPart) throws Exception {
        try (AzureServer s = new AzureServer(FIXTURES, "tenant", new FixtureTemplates(NOW), tls.serverContext(),
                TENANT)) {
            s.fault(name, spec);
            Map<String, String> env = new HashMap<>();
            env.put("AZURE_CLIENT_ID", "c0ffee00-0000-4000-8000-000000000001");
            env.put("AZURE_CLIENT_SECRET", "fixture-" + "client-" + "secret");
            env.put("AZURE_TENANT_ID", TENANT);
            env.put("AZURE_AUTHORITY_HOST", s.url());
            env.put("HOLDFAST_NOW", NOW.toString());
            env.put("HOLDFAST_RETRY_BASE_MS", "5");
            CliRunner.Run r = CliRunner.run(env, "cloud", "azure", "--tenant", TENANT, "--subscription", SUB, "--arm-endpoint",
                    s.url(), "--graph-endpoint", s.url(), "--format", "json");
            assertThat(r.exit()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).startsWith("holdfast:").doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            return s.calls.stream().filter(c -> c.contains(callPart)).count();
        }
    }

    @Test
    void persistentGraphThrottlingIsBoundedThenExit3() throws Exception {
        assertThat(scanWithFault("applications", "429 TooManyRequests", "/v1.0/applications")).isBetween(2L, 6L);
    }

    /** A cut body is not retried by the Azure SDK (like the AWS one): one call, and the scan says it is partial. */
    @Test
    void aGraphAnswerCutHalfwayIsNeverReadAsAnEmptyTenant() throws Exception {
        assertThat(scanWithFault("applications", "truncate", "/v1.0/applications")).isEqualTo(1L);
    }

    @Test
    void anArmAnswerCutHalfwayIsNeverReadAsNoRoleAssignments() throws Exception {
        assertThat(scanWithFault("roleAssignments", "truncate", "roleAssignments")).isEqualTo(1L);
    }

    @Test
    void persistentArmServerErrorsAreBoundedThenExit3() throws Exception {
        assertThat(scanWithFault("roleDefinitions", "503 ServiceUnavailable", "roleDefinitions")).isBetween(2L, 6L);
    }
}

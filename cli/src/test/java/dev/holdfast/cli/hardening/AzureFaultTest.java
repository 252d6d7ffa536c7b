package dev.holdfast.cli.hardening;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.cloud.AzureScans;
import dev.holdfast.cli.cloud.LocalTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azure faults that never clear (the cloud tests cover faults that clear after retries): persistent throttling on
 * Graph and persistent 503 on ARM are retried a bounded number of times, and an answer cut halfway is not retried;
 * then the scan fails or is partial with exit 3 and no stack trace — never clean.
 */
class AzureFaultTest {
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
        AzureScans.Scan scan = AzureScans.scan(tls, "tenant", s -> s.fault(name, spec));
        CliRunner.Run r = scan.run();
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).startsWith("holdfast:").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        return scan.server().calls.stream().filter(c -> c.contains(callPart)).count();
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

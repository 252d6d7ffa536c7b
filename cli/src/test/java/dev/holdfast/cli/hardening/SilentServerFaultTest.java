package dev.holdfast.cli.hardening;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.cloud.AzureServer;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.AzureScans;
import dev.holdfast.cli.cloud.LocalTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Servers that accept the connection and never answer (for HTTPS: after completing the TLS handshake). With
 * {@code HOLDFAST_HTTP_TIMEOUT_SECONDS=1} each cloud scan gives up after its bounded retries: exit 3, one line, no
 * stack trace, never "clean". The hang guard is generous; it only catches a client without a timeout.
 */
class SilentServerFaultTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String TENANT = AzureScans.TENANT;
    private static final String SUB = AzureScans.SUB;
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

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

    /** Accepts every connection (handshaking first when given TLS) and then never writes a byte. */
    static final class Silent implements AutoCloseable {
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final ServerSocket server;

        Silent(SSLContext tlsContext) throws IOException {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            server = tlsContext == null ? new ServerSocket(0, 50, lo)
                    : tlsContext.getServerSocketFactory().createServerSocket(0, 50, lo);
            Thread t = new Thread(this::accept, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = server.accept();
                    accepted.add(s);
                    if (s instanceof SSLSocket ssl) {
                        Thread h = new Thread(() -> {
                            try {
                                ssl.startHandshake(); // then silence: the request is never answered
                            } catch (IOException ignored) {
                                // the client gave up
                            }
                        });
                        h.setDaemon(true);
                        h.start();
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static void assertOneLineFailure(CliRunner.Run r) {
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).startsWith("holdfast:").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).doesNotContainIgnoringCase("clean");
    }

    @Test
    void awsAgainstAServerThatNeverAnswersTimesOutWithExit3() throws Exception {
        try (Silent silent = new Silent(null)) {
            Map<String, String> env = NetworkFaultTest.env();
            env.put("HOLDFAST_HTTP_TIMEOUT_SECONDS", "1");

            CliRunner.Run r = assertTimeoutPreemptively(HANG_GUARD, () -> CliRunner.run(env, "cloud", "aws", "--endpoint-url",
                    "http://127.0.0.1:" + silent.port(), "--format", "json"));

            assertOneLineFailure(r);
            assertThat(silent.accepted).hasSizeBetween(1, 8); // bounded attempts
        }
    }

    @Test
    void azureAgainstAnArmAndGraphThatNeverAnswerTimesOutWithExit3() throws Exception {
        try (AzureServer authority = new AzureServer(Path.of("..", "fixtures", "cloud", "azure"), "tenant",
                new FixtureTemplates(NOW), tls.serverContext(), TENANT);
             Silent silent = new Silent(tls.serverContext())) {
            Map<String, String> env = new HashMap<>();
            env.put("AZURE_CLIENT_ID", "c0ffee00-0000-4000-8000-000000000001");
            env.put("AZURE_CLIENT_SECRET", "fixture-" + "client-" + "secret");
            env.put("AZURE_TENANT_ID", TENANT);
            env.put("AZURE_AUTHORITY_HOST", authority.url());
            env.put("HOLDFAST_NOW", NOW.toString());
            env.put("HOLDFAST_RETRY_BASE_MS", "5");
            env.put("HOLDFAST_HTTP_TIMEOUT_SECONDS", "1");
            String silentUrl = "https://127.0.0.1:" + silent.port();

            CliRunner.Run r = assertTimeoutPreemptively(HANG_GUARD, () -> CliRunner.run(env, "cloud", "azure", "--tenant", TENANT,
                    "--subscription", SUB, "--arm-endpoint", silentUrl, "--graph-endpoint", silentUrl,
                    "--format", "json"));

            assertOneLineFailure(r);
            assertThat(silent.accepted).hasSizeBetween(1, 16); // bounded attempts
        }
    }

    @Test
    void aTimeoutThatIsNotAWholeNumberOfSecondsIsAUsageError() {
        Map<String, String> env = NetworkFaultTest.env();
        env.put("HOLDFAST_HTTP_TIMEOUT_SECONDS", "0");

        CliRunner.Run r = CliRunner.run(env, "cloud", "aws", "--endpoint-url", "http://127.0.0.1:9", "--format", "json");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("holdfast: HOLDFAST_HTTP_TIMEOUT_SECONDS").doesNotContain("\n");
    }
}

package dev.holdfast.cli.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.IamQueryServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults the cloud tests do not inject themselves (they cover throttling, 503 and access denied): a response cut
 * mid-body, a connection closed without an answer, and a 200 whose body is not the API's XML. A proxy in front of the
 * fixture IAM server (real AWS query wire format, AWS SDK v2 client) injects them. Expected: bounded retries, then a
 * complete result, or exit 3 with one line and no stack trace — never "clean". (A body cut mid-way reaches the SDK as
 * unparseable XML, which it does not retry: the scan is partial at once.)
 */
class NetworkFaultTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Path FIXTURES = Path.of("..", "fixtures", "cloud", "aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Fault { TRUNCATE, CLOSE, GARBAGE }

    /** Forwards to the fixture server; the first {@code times} calls of {@code action} get {@code fault}. */
    static final class FaultyProxy implements AutoCloseable {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final AtomicInteger hits = new AtomicInteger();

        FaultyProxy(String upstream, String action, Fault fault, int times) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> handle(ex, upstream, action, fault, times));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex, String upstream, String action, Fault fault, int times) throws IOException {
            byte[] body = ex.getRequestBody().readAllBytes();
            String form = new String(body, StandardCharsets.UTF_8);
            String called = "";
            for (String kv : form.split("&")) {
                if (kv.startsWith("Action=")) {
                    called = URLDecoder.decode(kv.substring(7), StandardCharsets.UTF_8);
                }
            }
            calls.add(called);
            HttpResponse<byte[]> up;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                String ct = ex.getRequestHeaders().getFirst("Content-Type");
                if (ct != null) {
                    b.header("Content-Type", ct);
                }
                up = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] answer = up.body();
            up.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            if (called.equals(action) && hits.incrementAndGet() <= times) {
                switch (fault) {
                    case TRUNCATE -> {
                        ex.sendResponseHeaders(up.statusCode(), answer.length);
                        OutputStream out = ex.getResponseBody();
                        out.write(answer, 0, answer.length / 2);
                        out.flush();
                        ex.close();                      // fewer bytes than Content-Length: the connection is cut
                        return;
                    }
                    case CLOSE -> {
                        ex.close();                      // no status line at all
                        return;
                    }
                    case GARBAGE -> {
                        byte[] junk = "<html><body>502 Bad Gateway from a proxy</body></html>"
                                .getBytes(StandardCharsets.UTF_8);
                        ex.sendResponseHeaders(200, junk.length);
                        ex.getResponseBody().write(junk);
                        ex.close();
                        return;
                    }
                    default -> throw new IllegalStateException();
                }
            }
            ex.sendResponseHeaders(up.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIA" + "HOLDFASTTESTCALLER".substring(0, 16));
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-" + "not-real");
        env.put("HOLDFAST_NOW", NOW.toString());
        env.put("HOLDFAST_RETRY_BASE_MS", "5");
        return env;
    }

    private static CliRunner.Run scan(FaultyProxy proxy) {
        return CliRunner.run(env(), "cloud", "aws", "--endpoint-url", proxy.url(), "--format", "json");
    }

    private static void assertOneLineFailure(CliRunner.Run r) {
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").startsWith("holdfast:");
    }

    @Test
    void aResponseCutMidBodyIsAPartialScanWithExit3NeverClean() throws Exception {
        for (int times : new int[] {1, Integer.MAX_VALUE}) {
            try (IamQueryServer up = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW));
                 FaultyProxy proxy = new FaultyProxy(up.url(), "GetAccountAuthorizationDetails", Fault.TRUNCATE,
                         times)) {
                CliRunner.Run r = scan(proxy);
                assertOneLineFailure(r);
                assertThat(r.err()).contains("partial").contains("iam:GetAccountAuthorizationDetails");
                assertThat(JSON.readTree(r.out()).at("/target/partial").asBoolean()).isTrue();
                assertThat(proxy.calls.stream().filter("GetAccountAuthorizationDetails"::equals).count())
                        .isBetween(1L, 4L);
            }
        }
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsRetriedThenFailsWithOneLine() throws Exception {
        try (IamQueryServer up = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW));
             FaultyProxy once = new FaultyProxy(up.url(), "GetAccountAuthorizationDetails", Fault.CLOSE, 1)) {
            assertThat(scan(once).exit()).isEqualTo(1);
        }
        try (IamQueryServer up = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW));
             FaultyProxy always = new FaultyProxy(up.url(), "GetAccountAuthorizationDetails", Fault.CLOSE,
                     Integer.MAX_VALUE)) {
            assertOneLineFailure(scan(always));
            assertThat(always.calls.stream().filter("GetAccountAuthorizationDetails"::equals).count())
                    .isBetween(2L, 4L);
        }
    }

    @Test
    void aSuccessfulStatusWithABodyThatIsNotTheApiIsAFailureNeverClean() throws Exception {
        try (IamQueryServer up = new IamQueryServer(FIXTURES, "account", new FixtureTemplates(NOW));
             FaultyProxy proxy = new FaultyProxy(up.url(), "GetAccountAuthorizationDetails", Fault.GARBAGE,
                     Integer.MAX_VALUE)) {
            CliRunner.Run r = scan(proxy);
            assertThat(r.exit()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).doesNotContain("\tat ").startsWith("holdfast:");
            if (!r.out().isBlank()) {
                assertThat(JSON.readTree(r.out()).at("/target/partial").asBoolean()).isTrue();
            }
        }
    }
}

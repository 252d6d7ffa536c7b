package dev.holdfast.remediator.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.remediator.FileEdit;
import dev.holdfast.remediator.Fix;
import dev.holdfast.remediator.FixNames;
import dev.holdfast.remediator.RemediationException;
import dev.holdfast.remediator.Strategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher against WireMock stubs in GitHub's REST wire format, one folder per scenario under
 * {@code github/<scenario>/} (mappings + __files, as hub4j's own tests lay them out). Strict: a request no stub
 * matches fails the test, and so does a stub that was never called.
 */
class GitHubPublisherTest {
    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final String LOCAL = "1111111111111111111111111111111111111111";
    private static final String BOT = "holdfast@users.noreply.github.com";
    private static final String KEY = "AK" + "IA" + "Q3EGRIXAMPLE7K2M"; // assembled: never committed whole

    private WireMockServer server;
    private final List<Duration> slept = new ArrayList<>();
    private int pushes;

    private GitHubConnection start(String scenario) {
        return start(scenario, Map.of("GITHUB_TOKEN", "test-token"));
    }

    private GitHubConnection start(String scenario, Map<String, String> env) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderClasspath("github/" + scenario));
        server.start();
        WaitBudget budget = new WaitBudget(Clock.fixed(NOW, ZoneOffset.UTC), slept::add, Duration.ofMinutes(5));
        return GitHubConnection.connect(server.baseUrl(), env, "octo-org/demo", budget);
    }

    @AfterEach
    void strict() {
        if (server == null) {
            return;
        }
        try {
            assertThat(server.findAllUnmatchedRequests()).as("requests no stub matched").isEmpty();
            Set<java.util.UUID> used = server.getAllServeEvents().stream().filter(e -> e.getStubMapping() != null)
                    .map(e -> e.getStubMapping().getId()).collect(Collectors.toSet());
            assertThat(server.listAllStubMappings().getMappings()).as("stubs never called")
                    .allMatch(m -> used.contains(m.getId()));
        } finally {
            server.stop();
        }
    }

    private PullRequestPublisher publisher(GitHubConnection c, int perRun, int perHour) {
        return new PullRequestPublisher(c.github(), "octo-org/demo", null, BOT, Clock.fixed(NOW, ZoneOffset.UTC),
                perRun, perHour);
    }

    private PullRequestPublisher.Result publish(GitHubConnection c) {
        return publisher(c, 5, 10).publish(fix(), LOCAL, () -> pushes++);
    }

    static Fix fix() {
        Finding f = new Finding("aws-access-key:5b0c4f0e1d2a39c8b7a6f5e4d3c2b1a0", "aws-access-key", Category.SECRET,
                Severity.CRITICAL, Status.REGRESSED, "AWS access key id", Location.file("src/main/java/demo/Config.java",
                9, 47), Redactor.redact(KEY),
                new Attribution("c1a0de00c1a0de00c1a0de00c1a0de00c1a0de00", "Claude", "noreply@anthropic.com",
                        IdentityKind.AGENT, Instant.parse("2026-03-30T10:00:00Z"),
                        new Person("Alice Dev", "alice@example.com")),
                new FixRef("b0b5ec00b0b5ec00b0b5ec00b0b5ec00b0b5ec00", "Bob Sec", "bob@example.com",
                        Instant.parse("2026-03-03T10:00:00Z")),
                "Deactivate the key in IAM and create a new one.", null);
        FileEdit edit = new FileEdit(f.location().path(), ("String k = \"" + KEY + "\";\n").getBytes(StandardCharsets.UTF_8),
                "String k = System.getenv(\"AWS_ACCESS_KEY_ID\");\n".getBytes(StandardCharsets.UTF_8));
        return new Fix(List.of(f), List.of(edit), Strategy.REAPPLY, f.fixedBy(), "re-applies fix commit b0b5ec0",
                "cccccccccccccccccccccccccccccccccccccccc");
    }

    private List<String> bodies(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(LoggedRequest::getBodyAsString)
                .toList();
    }

    private String allRequestBodies() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).map(LoggedRequest::getBodyAsString)
                .collect(Collectors.joining("\n"));
    }

    @Test
    void createsThePullRequestWithLabelsCreatedWhenMissing() {
        PullRequestPublisher.Result r = publish(start("create"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.CREATED);
        assertThat(r.number()).isEqualTo(7);
        assertThat(r.url()).isEqualTo("https://github.com/octo-org/demo/pull/7");
        assertThat(pushes).isEqualTo(1);
        String created = bodies("/repos/octo-org/demo/pulls").get(0);
        assertThat(created).contains("Reapply removed fix: aws-access-key in src/main/java/demo/Config.java",
                "holdfast:meta", "rotate this credential", "agent Claude", "on behalf of Alice Dev", // holdfast:allow (assertion text)
                "b0b5ec00b0b5ec00b0b5ec00b0b5ec00b0b5ec00", Redactor.redact(KEY));
        assertThat(bodies("/repos/octo-org/demo/labels")).hasSize(4)
                .anyMatch(b -> b.contains("\"regression\"")).anyMatch(b -> b.contains("\"severity:critical\""))
                .anyMatch(b -> b.contains("\"kind:secret\"")).anyMatch(b -> b.contains("\"origin:agent\""));
        assertThat(bodies("/repos/octo-org/demo/issues/7/labels").get(0))
                .contains("security", "holdfast", "regression", "severity:critical", "kind:secret", "origin:agent") // holdfast:allow (label names)
                .doesNotContain("repeat");
        assertThat(allRequestBodies()).doesNotContain(KEY);
    }

    @Test
    void updatesItsOwnOpenPullRequestInPlace() {
        PullRequestPublisher.Result r = publish(start("update"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.UPDATED);
        assertThat(pushes).isEqualTo(1);
        assertThat(server.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PATCH"))
                .map(e -> e.getRequest().getBodyAsString())).singleElement().asString().contains("holdfast:meta");
    }

    @Test
    void changesNothingWhenTheCommitAndTheFindingsAreTheSame() {
        PullRequestPublisher.Result r = publish(start("unchanged"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.UNCHANGED);
        assertThat(pushes).isZero();
    }

    @Test
    void leavesAPullRequestSomeoneElsePushedToAndCommentsOnce() {
        PullRequestPublisher.Result r = publish(start("foreign"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.LEFT_FOREIGN);
        assertThat(pushes).isZero();
        assertThat(bodies("/repos/octo-org/demo/issues/7/comments")).singleElement().asString()
                .contains("holdfast:foreign-commits");
    }

    @Test
    void takesOverWhenGitHubSaysThePullRequestAlreadyExists() {
        PullRequestPublisher.Result r = publish(start("already-exists"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.UPDATED);
        assertThat(r.number()).isEqualTo(8);
    }

    @Test
    void respectsAPullRequestClosedWithoutMerging() {
        PullRequestPublisher.Result r = publish(start("closed"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.RESPECTED_CLOSED);
        assertThat(r.number()).isEqualTo(5);
        assertThat(pushes).isZero();
    }

    @Test
    void opensARepeatPullRequestLinkingTheMergedOne() {
        PullRequestPublisher.Result r = publish(start("merged-regressed"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.CREATED);
        assertThat(r.number()).isEqualTo(9);
        assertThat(bodies("/repos/octo-org/demo/pulls").get(0))
                .contains("https://github.com/octo-org/demo/pull/3", "Repeat");
        assertThat(bodies("/repos/octo-org/demo/labels")).anyMatch(b -> b.contains("\"repeat\""));
        assertThat(bodies("/repos/octo-org/demo/issues/9/labels").get(0)).contains("repeat");
    }

    @Test
    void waitsOutPrimaryAndSecondaryRateLimitsWithinTheBudget() {
        PullRequestPublisher.Result r = publish(start("rate-limited"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.RESPECTED_CLOSED);
        assertThat(slept).containsExactly(Duration.ofSeconds(31), Duration.ofSeconds(6));
    }

    @Test
    void failsAtOnceWhenTheRateLimitResetsTooLate() {
        GitHubConnection c = start("rate-limited-long");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageContaining("rate limit").hasMessageContaining("2026-04-01T14:00:00Z")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(slept).isEmpty();
    }

    @Test
    void explainsTheRepositorySettingWhenActionsMayNotCreatePullRequests() {
        GitHubConnection c = start("forbidden");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessage("GitHub Actions is not permitted to create pull requests in octo-org/demo: enable Settings"
                        + " → Actions → General → Allow GitHub Actions to create and approve pull requests");
    }

    @Test
    void explainsRejectedCredentials() {
        GitHubConnection c = start("unauthorized");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub rejected the credentials (401)")
                .hasMessageContaining("GITHUB_TOKEN").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void explainsAValidationFailure() {
        GitHubConnection c = start("invalid-base");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub rejected publishing holdfast/regression/")
                .hasMessageContaining("(422: Validation Failed — base invalid)")
                .hasMessageContaining("base branch").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void explainsAnUnknownRepository() {
        GitHubConnection c = start("not-found");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("octo-org/demo was not found on GitHub or the token cannot see it (404)");
    }

    @Test
    void stopsAtTheHourlyLimit() {
        PullRequestPublisher.Result r = publisher(start("hourly-limit"), 5, 2).publish(fix(), LOCAL, () -> pushes++);

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.LIMITED);
        assertThat(r.note()).contains("per hour");
        assertThat(pushes).isZero();
    }

    @Test
    void exchangesAGitHubAppKeyForAnInstallationToken() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        GitHubConnection c = start("app-auth", Map.of("HOLDFAST_GITHUB_APP_ID", "4242",
                "HOLDFAST_GITHUB_APP_PRIVATE_KEY", pem));

        assertThat(c.token()).isEqualTo("installation-token-for-tests");
        String auth = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(q -> q.getUrl().equals("/app")).findFirst().orElseThrow().getHeader("Authorization");
        assertThat(auth).startsWith("Bearer ");
        String[] jwt = auth.substring("Bearer ".length()).split("\\."); // holdfast:allow (splitting a test JWT)
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8))
                .contains("\"iss\":\"4242\"", "\"iat\":" + (NOW.getEpochSecond() - 60));
    }

    private long calls(String method, String path) {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(q -> q.getMethod().getName().equals(method) && q.getUrl().split("\\?")[0].equals(path))
                .count();
    }

    private static void oneLine(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\tat ").doesNotContain(KEY);
    }

    @Test
    void aBadGatewayOnThePullRequestLookupIsRetriedABoundedNumberOfTimesThenOneLineNeverSuccess() {
        GitHubConnection c = start("lookup-502");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                .hasMessageContaining("Server Error").satisfies(GitHubPublisherTest::oneLine);
        // a read answered 502 is asked twice more, then the run fails in one line
        assertThat(calls("GET", "/repos/octo-org/demo/pulls")).isEqualTo(1L + TimedHttpClient.READ_RETRIES);
        assertThat(pushes).isZero();
    }

    @Test
    void aBadGatewayThatPassesIsRetriedAndThePullRequestCreatedOnce() {
        PullRequestPublisher.Result r = publish(start("gateway-502-once"));

        assertThat(r.action()).isEqualTo(PullRequestPublisher.Action.CREATED);
        long lookups = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(q -> q.getMethod().getName().equals("GET") && q.getUrl().contains("head=")).count();
        assertThat(lookups).isEqualTo(2L); // answered 502, asked again, answered

        assertThat(calls("POST", "/repos/octo-org/demo/pulls")).isEqualTo(1L);
        assertThat(pushes).isEqualTo(1);
    }

    @Test
    void aServiceUnavailableOnCreateIsOneLineNeverSuccess() {
        GitHubConnection c = start("create-503");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                .hasMessageContaining("Service Unavailable").satisfies(GitHubPublisherTest::oneLine);
        assertThat(calls("POST", "/repos/octo-org/demo/pulls")).isEqualTo(1L); // a write is never retried
    }

    @Test
    void aMalformedChunkedBodyIsOneLineNeverSuccess() {
        GitHubConnection c = start("lookup-truncated");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                .satisfies(GitHubPublisherTest::oneLine);
        assertThat(calls("GET", "/repos/octo-org/demo/pulls")).isBetween(1L, 3L);
        assertThat(pushes).isZero();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsOneLineNeverSuccess() {
        GitHubConnection c = start("repo-cut");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                .satisfies(GitHubPublisherTest::oneLine);
        assertThat(calls("GET", "/repos/octo-org/demo")).isBetween(1L, 3L);
        assertThat(pushes).isZero();
    }

    @Test
    void aConnectionResetIsRetriedABoundedNumberOfTimesThenOneLine() {
        GitHubConnection c = start("lookup-reset");

        assertThatThrownBy(() -> publish(c)).isInstanceOf(RemediationException.class)
                .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                .satisfies(GitHubPublisherTest::oneLine);
        assertThat(calls("GET", "/repos/octo-org/demo/pulls")).isEqualTo(3L); // a GET whose connection broke is retried twice, 100 ms apart
        assertThat(pushes).isZero();
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutWithOneLine() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, read by no one, never answered
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            WaitBudget budget = new WaitBudget(Clock.fixed(NOW, ZoneOffset.UTC), slept::add, Duration.ofMinutes(5));
            GitHubConnection c = GitHubConnection.connect("http://127.0.0.1:" + silent.getLocalPort(),
                    Map.of("GITHUB_TOKEN", "test-token", "HOLDFAST_HTTP_TIMEOUT_SECONDS", "1"), "octo-org/demo",
                    budget);

            Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> org.assertj.core.api.Assertions.catchThrowable(() -> publish(c)));

            assertThat(thrown).isInstanceOf(RemediationException.class)
                    .hasMessageStartingWith("GitHub call failed while publishing holdfast/regression/")
                    .satisfies(GitHubPublisherTest::oneLine);
            assertThat(pushes).isZero();
            assertThat(held).hasSize(1); // an HTTP timeout is not retried by hub4j: one wait, then the failure
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aTimeoutThatIsNotAWholeNumberOfSecondsIsRejectedOnOneLine() {
        WaitBudget budget = new WaitBudget(Clock.fixed(NOW, ZoneOffset.UTC), slept::add, Duration.ofMinutes(5));

        assertThatThrownBy(() -> GitHubConnection.connect("http://127.0.0.1:9", Map.of("GITHUB_TOKEN", "t",
                "HOLDFAST_HTTP_TIMEOUT_SECONDS", "soon"), "octo-org/demo", budget))
                .isInstanceOf(RemediationException.class).hasMessageContaining("HOLDFAST_HTTP_TIMEOUT_SECONDS")
                .hasMessageContaining("'soon'");
    }

    @Test
    void branchNameMatchesTheStubs() {
        assertThat(FixNames.branch(fix())).isEqualTo("holdfast/regression/aws-access-key-config-java-06a88abf45");
    }
}

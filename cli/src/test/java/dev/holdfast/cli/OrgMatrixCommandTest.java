package dev.holdfast.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `holdfast org-matrix` against WireMock answering in GitHub's REST wire format (bodies in
 * {@code src/test/resources/github/org-matrix}, two pages joined by a Link header as GitHub paginates).
 */
class OrgMatrixCommandTest {
    private static WireMockServer github;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        String api = github.baseUrl();
        github.stubFor(get(urlPathEqualTo("/orgs/acme")).willReturn(json(body("org.json"))));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(body("repos-page1.json"))
                .withHeader("Link", "<" + api + "/organizations/9919/repos?per_page=100&page=2>; rel=\"next\", <"
                        + api + "/organizations/9919/repos?per_page=100&page=2>; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/organizations/9919/repos")).willReturn(json(body("repos-page2.json"))
                .withHeader("Link", "<" + api + "/organizations/9919/repos?per_page=100&page=1>; rel=\"prev\", <"
                        + api + "/organizations/9919/repos?per_page=100&page=1>; rel=\"first\"")));
        github.stubFor(get(urlPathEqualTo("/orgs/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/orgs/orgs#get-an-organization\",\"status\":\"404\"}")));
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void forgetRequests() {
        github.resetRequests();
    }

    private static String body(String name) throws IOException {
        try (InputStream in = OrgMatrixCommandTest.class.getResourceAsStream("/github/org-matrix/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{API}}", github.baseUrl());
        }
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4990")
                .withHeader("X-RateLimit-Reset", "4102444800").withBody(body);
    }

    private int run(Map<String, String> env, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false, false);
        return Main.run(console, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEveryActiveRepositorySortedAsMatrixJson() {
        int rc = run(Map.of("GITHUB_TOKEN", "test-token"), "org-matrix", "--org", "acme",
                "--github-api-url", github.baseUrl());
        assertThat(rc).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("{\"include\":[{\"repo\":\"acme/Infra-Live\"},{\"repo\":\"acme/api\"},"
                + "{\"repo\":\"acme/billing\"},{\"repo\":\"acme/web\"},{\"repo\":\"acme/zeta-service\"}]}\n");
        github.verify(getRequestedFor(urlPathEqualTo("/orgs/acme/repos"))
                .withHeader("Authorization", equalTo("token test-token")));
        github.verify(getRequestedFor(urlPathEqualTo("/organizations/9919/repos")));
    }

    @Test
    void archivedAndForksOnRequestAndTheGhTokenFallback() {
        int rc = run(Map.of("GH_TOKEN", "gh-cli-token"), "org-matrix", "--org", "acme", "--github-api-url",
                github.baseUrl(), "--include-archived", "--include-forks");
        assertThat(rc).isZero();
        assertThat(stdout()).contains("acme/old-monolith", "acme/forked-lib");
        github.verify(getRequestedFor(urlPathEqualTo("/orgs/acme"))
                .withHeader("Authorization", equalTo("token gh-cli-token")));
    }

    @Test
    void shardsDealRepositoriesRoundRobin() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_API_URL", github.baseUrl());
        int rc = run(env, "org-matrix", "--org", "acme", "--shards", "2");
        assertThat(rc).isZero();
        assertThat(stdout()).isEqualTo("{\"include\":[{\"shard\":1,\"repos\":\"acme/Infra-Live acme/billing "
                + "acme/zeta-service\"},{\"shard\":2,\"repos\":\"acme/api acme/web\"}]}\n");
    }

    @Test
    void anUnknownOrganisationIsARuntimeFailureInOneLine() {
        int rc = run(Map.of(), "org-matrix", "--org", "nope", "--github-api-url", github.baseUrl());
        assertThat(rc).isEqualTo(ExitCode.RUNTIME);
        assertThat(stderr()).isEqualTo("holdfast: organisation 'nope' not found at " + github.baseUrl() + "\n");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void badCredentialsSaySo() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme")).withHeader("Authorization", equalTo("token expired"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        int rc = run(Map.of("GITHUB_TOKEN", "expired"), "org-matrix", "--org", "acme", "--github-api-url",
                github.baseUrl());
        assertThat(rc).isEqualTo(ExitCode.RUNTIME);
        assertThat(stderr()).contains("401").contains("bad credentials").doesNotContain("expired").doesNotContain("\tat ");
    }

    @Test
    void usageErrors() {
        assertThat(run(Map.of(), "org-matrix")).isEqualTo(ExitCode.USAGE);
        assertThat(run(Map.of(), "org-matrix", "--org", "acme", "--shards", "-1")).isEqualTo(ExitCode.USAGE);
        assertThat(run(Map.of(), "org-matrix", "--org", "../etc")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--shards must be 1 or more").contains("is not a GitHub organisation name");
    }
}

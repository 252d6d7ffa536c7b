package dev.holdfast.remediator.github;

import dev.holdfast.scanner.cloud.HttpTimeout;
import dev.holdfast.remediator.RemediationException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Connects GitHub API for Java to github.com or an Enterprise/test endpoint, with bounded rate-limit handlers.
 * Credentials, first found wins: {@code GITHUB_TOKEN}, {@code GH_TOKEN}, or a GitHub App —
 * {@code HOLDFAST_GITHUB_APP_ID} with {@code HOLDFAST_GITHUB_APP_PRIVATE_KEY} (PEM text) or
 * {@code HOLDFAST_GITHUB_APP_PRIVATE_KEY_FILE} — exchanged (JWT) for the repository's installation token. Every
 * request has a response timeout ({@code HOLDFAST_HTTP_TIMEOUT_SECONDS}, default 60 s).
 *
 * @param token the token used, also for pushing over HTTPS; never printed
 */
public record GitHubConnection(GitHub github, String token) {
    public static final String DEFAULT_API = "https://api.github.com";
    /** Per-request response timeout unless {@code HOLDFAST_HTTP_TIMEOUT_SECONDS} says otherwise (hub4j has none). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static GitHubConnection connect(String apiUrl, Map<String, String> env, String ownerRepo,
                                           WaitBudget budget) {
        String api = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API : apiUrl.replaceAll("/+$", "");
        String token = firstSet(env, "GITHUB_TOKEN", "GH_TOKEN");
        Duration timeout;
        try {
            timeout = HttpTimeout.fromEnv(env, DEFAULT_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new RemediationException(e.getMessage());
        }
        try {
            if (token == null) {
                token = installationToken(api, env, ownerRepo, budget, timeout);
            }
            // An empty login stops hub4j from asking GET /user, which Actions and installation tokens may not do.
            GitHub gh = builder(api, budget, timeout).withOAuthToken(token, "").build();
            return new GitHubConnection(gh, token);
        } catch (IOException e) {
            throw GitHubErrors.explain(e, "authenticating", ownerRepo);
        }
    }

    /** Whether the environment holds credentials {@link #connect} can use. */
    public static boolean hasCredentials(Map<String, String> env) {
        return firstSet(env, "GITHUB_TOKEN", "GH_TOKEN") != null || firstSet(env, "HOLDFAST_GITHUB_APP_ID") != null
                && firstSet(env, "HOLDFAST_GITHUB_APP_PRIVATE_KEY", "HOLDFAST_GITHUB_APP_PRIVATE_KEY_FILE") != null;
    }

    /**
     * What pushes over HTTPS: the connection's token when there is one (an App's installation token), else
     * {@code GITHUB_TOKEN} or {@code GH_TOKEN}; null when there is none (a local or SSH remote needs none).
     */
    public static CredentialsProvider pushCredentials(GitHubConnection connection, Map<String, String> env) {
        String token = connection != null ? connection.token() : null;
        if (token == null) {
            token = firstSet(env, "GITHUB_TOKEN", "GH_TOKEN");
        }
        return token == null ? null : new UsernamePasswordCredentialsProvider("x-access-token", token);
    }

    private static GitHubBuilder builder(String api, WaitBudget budget, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER) // as hub4j's default
                .connectTimeout(CONNECT_TIMEOUT).build();
        return new GitHubBuilder().withEndpoint(api)
                .withConnector(new HttpClientGitHubConnector(new TimedHttpClient(http, timeout)))
                .withRateLimitHandler(BoundedRateLimits.primary(budget))
                .withAbuseLimitHandler(BoundedRateLimits.secondary(budget));
    }

    private static String installationToken(String api, Map<String, String> env, String ownerRepo, WaitBudget budget,
                                            Duration timeout) throws IOException {
        String appId = firstSet(env, "HOLDFAST_GITHUB_APP_ID");
        String key = firstSet(env, "HOLDFAST_GITHUB_APP_PRIVATE_KEY");
        String keyFile = firstSet(env, "HOLDFAST_GITHUB_APP_PRIVATE_KEY_FILE");
        if (appId == null || (key == null && keyFile == null)) {
            throw new RemediationException("no GitHub credentials: set GITHUB_TOKEN or GH_TOKEN, or"
                    + " HOLDFAST_GITHUB_APP_ID with HOLDFAST_GITHUB_APP_PRIVATE_KEY(_FILE) for a GitHub App");
        }
        if (key == null) {
            try {
                key = Files.readString(Path.of(keyFile));
            } catch (IOException e) {
                throw new RemediationException("cannot read HOLDFAST_GITHUB_APP_PRIVATE_KEY_FILE " + keyFile + ": "
                        + e.getMessage());
            }
        }
        String jwt = AppJwt.sign(appId, key, budget.clock().instant());
        GitHub app = builder(api, budget, timeout).withJwtToken(jwt).build();
        String[] parts = ownerRepo.split("/", 2);
        GHAppInstallationToken t = app.getApp().getInstallationByRepository(parts[0], parts[1]).createToken().create();
        return t.getToken();
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "GitHubConnection[" + github.getApiUrl() + "]";
    }
}

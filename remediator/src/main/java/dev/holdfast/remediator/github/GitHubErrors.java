package dev.holdfast.remediator.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.remediator.RemediationException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

import java.io.IOException;

/**
 * Turns GitHub failures into one line that says what to do. GitHub's own error text is quoted only from its
 * {@code message} field, which never echoes request bodies.
 */
public final class GitHubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubErrors() {
    }

    public static RemediationException explain(IOException e, String doing, String ownerRepo) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WaitBudget.LimitExceeded limit) {
                return new RemediationException(limit.getMessage(), e);
            }
        }
        int status = e instanceof HttpException h ? h.getResponseCode() : -1;
        if (e instanceof GHFileNotFoundException && status <= 0) {
            status = 404;
        }
        String message = githubMessage(e);
        String line = switch (status) {
            case 401 -> "GitHub rejected the credentials (401) while " + doing
                    + ": set GITHUB_TOKEN or GH_TOKEN to a valid token, or check the GitHub App id and private key";
            case 403 -> message.toLowerCase(java.util.Locale.ROOT).contains("not permitted to create")
                    ? "GitHub Actions is not permitted to create pull requests in " + ownerRepo
                    + ": enable Settings → Actions → General → Allow GitHub Actions to create and approve pull requests"
                    : "GitHub refused " + doing + " in " + ownerRepo + " (403" + suffix(message)
                    + "): the token needs contents: write, pull-requests: write and issues: write";
            case 404 -> ownerRepo + " was not found on GitHub or the token cannot see it (404) while " + doing
                    + ": check --open-pr OWNER/REPO, --github-api-url and the token's repository access";
            case 422 -> "GitHub rejected " + doing + " in " + ownerRepo + " (422" + suffix(message)
                    + "): check that the branch was pushed (--push REMOTE) and that the base branch exists";
            default -> "GitHub call failed while " + doing + " in " + ownerRepo + ": "
                    + firstLine(message.isEmpty() ? String.valueOf(e.getMessage()) : message);
        };
        return new RemediationException(line, e);
    }

    private static String suffix(String message) {
        return message.isEmpty() ? "" : ": " + message;
    }

    /** The {@code message} (and first error's message) of GitHub's JSON error body, else "". */
    static String githubMessage(IOException e) {
        String text = e.getMessage();
        if (text == null) {
            return "";
        }
        int brace = text.indexOf('{');
        if (brace < 0) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(text.substring(brace));
            String m = n.path("message").asText("");
            JsonNode first = n.path("errors").path(0);
            if (first.has("message")) {
                m = m + " — " + first.get("message").asText();
            } else if (first.has("field")) {
                m = m + " — " + first.get("field").asText() + " " + first.path("code").asText("invalid");
            }
            return firstLine(m);
        } catch (IOException notJson) {
            return "";
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}

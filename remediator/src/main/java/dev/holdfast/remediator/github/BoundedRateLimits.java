package dev.holdfast.remediator.github;

import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * hub4j handlers for GitHub's primary limit ({@code X-RateLimit-Remaining: 0}, wait for {@code X-RateLimit-Reset})
 * and secondary limit ({@code Retry-After}, else a minute), both waiting through one {@link WaitBudget}. After the
 * handler returns, hub4j retries the request.
 */
public final class BoundedRateLimits {
    private BoundedRateLimits() {
    }

    public static GitHubRateLimitHandler primary(WaitBudget budget) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                String reset = response.header("X-RateLimit-Reset");
                Instant until = reset == null ? budget.clock().instant().plusSeconds(60)
                        : Instant.ofEpochSecond(Long.parseLong(reset.trim()));
                budget.waitUntil(until, "API rate limit");
            }
        };
    }

    public static GitHubAbuseLimitHandler secondary(WaitBudget budget) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                budget.waitUntil(retryAfter(response, budget.clock().instant()), "secondary rate limit");
            }
        };
    }

    /** Retry-After as seconds or an HTTP date; GitHub's advice without it is to wait at least a minute. */
    static Instant retryAfter(GitHubConnectorResponse response, Instant now) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return now.plusSeconds(60);
        }
        try {
            return now.plusSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
    }
}

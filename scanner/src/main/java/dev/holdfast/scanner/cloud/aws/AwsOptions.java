package dev.holdfast.scanner.cloud.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach an AWS account.
 *
 * @param profile     a shared-config profile, or null for the default chain
 * @param region      signing region (IAM is global; us-east-1 by default, where CloudTrail records IAM's events)
 * @param endpoint    overrides the IAM, STS and CloudTrail endpoints (tests, private endpoints), or null
 * @param env         the process environment as the CLI sees it; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 *                    AWS_SESSION_TOKEN there win over the SDK's default chain
 * @param retryBase   first backoff delay for throttling and 5xx
 * @param maxAttempts attempts per call, first one included
 * @param lookupPace  least time between two CloudTrail LookupEvents calls (CloudTrail allows 2 per second)
 * @param lookupPages most LookupEvents pages (50 events each) read for one window; beyond, the log is cut short
 */
public record AwsOptions(String profile, String region, URI endpoint, Map<String, String> env, Duration retryBase,
                         int maxAttempts, Duration lookupPace, int lookupPages) {

    public AwsOptions {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        env = env == null ? Map.of() : Map.copyOf(env);
        retryBase = retryBase == null ? Duration.ofMillis(200) : retryBase;
        maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
        lookupPace = lookupPace == null ? Duration.ofMillis(500) : lookupPace;
        lookupPages = lookupPages <= 0 ? 200 : lookupPages;
    }

    public AwsOptions(String profile, String region, URI endpoint, Map<String, String> env, Duration retryBase,
                      int maxAttempts) {
        this(profile, region, endpoint, env, retryBase, maxAttempts, null, 0);
    }
}

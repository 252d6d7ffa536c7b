package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.HttpTimeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;

/** Builds the IAM, STS and CloudTrail clients: one HTTP client, bounded retries, endpoint override, credentials. */
final class AwsClients implements AutoCloseable {
    final IamClient iam;
    final StsClient sts;
    final CloudTrailClient cloudTrail;
    private final SdkHttpClient http;

    AwsClients(AwsOptions o) {
        http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(HttpTimeout.fromEnv(o.env(), Duration.ofSeconds(60)))
                .build();
        Duration max = o.retryBase().multipliedBy(20);
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(o.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(o.retryBase(), max))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(o.retryBase(), max))
                        .circuitBreakerEnabled(false)
                        .build())
                .build();
        AwsCredentialsProvider creds = credentials(o);
        Region region = Region.of(o.region());
        var iamB = IamClient.builder().httpClient(http).region(region).credentialsProvider(creds)
                .overrideConfiguration(override);
        var stsB = StsClient.builder().httpClient(http).region(region).credentialsProvider(creds)
                .overrideConfiguration(override);
        var trailB = CloudTrailClient.builder().httpClient(http).region(region).credentialsProvider(creds)
                .overrideConfiguration(override);
        if (o.endpoint() != null) {
            iamB.endpointOverride(o.endpoint());
            stsB.endpointOverride(o.endpoint());
            trailB.endpointOverride(o.endpoint());
        }
        iam = iamB.build();
        sts = stsB.build();
        cloudTrail = trailB.build();
    }

    /** Keys in the given environment first (the CLI's view of it), then a named profile, then the default chain. */
    static AwsCredentialsProvider credentials(AwsOptions o) {
        String id = o.env().get("AWS_ACCESS_KEY_ID");
        String secret = o.env().get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String token = o.env().get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(id, secret)
                    : AwsSessionCredentials.create(id, secret, token));
        }
        if (o.profile() != null && !o.profile().isBlank()) {
            return ProfileCredentialsProvider.create(o.profile());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        iam.close();
        sts.close();
        cloudTrail.close();
        http.close();
    }
}

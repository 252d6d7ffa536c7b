package dev.holdfast.cli;

import dev.holdfast.scanner.cloud.HttpTimeout;
import dev.holdfast.scanner.cloud.aws.AwsOptions;
import dev.holdfast.scanner.cloud.aws.AwsProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

/** {@code holdfast cloud aws}: IAM through the AWS SDK's default credential chain (or the environment's keys). */
@Command(name = "aws", mixinStandardHelpOptions = true,
        description = "Inventory AWS IAM (users, roles, keys, effective grants, trust) and evaluate it.")
public final class CloudAwsCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--profile", description = "shared config/credentials profile")
    String profile;

    @Option(names = "--region", defaultValue = "us-east-1", description = "signing region (default us-east-1; IAM is global)")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "IAM, STS and CloudTrail endpoint (tests, private endpoints)")
    String endpoint;

    @Mixin
    CloudCommand.Shared shared = new CloudCommand.Shared();

    public CloudAwsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws java.io.IOException {
        URI uri;
        AwsOptions opts;
        try {
            uri = endpoint == null ? null : endpoint(endpoint);
            HttpTimeout.fromEnv(console.env(), null); // a bad value is a usage error here, not a failed scan later
            opts = new AwsOptions(profile, region, uri, console.env(), CloudCommand.retryBase(console.env()), 4,
                    lookupPace(console.env()), maxPages(console.env()));
        } catch (IllegalArgumentException e) {
            console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        }
        return CloudCommand.run(console, shared, new AwsProvider(opts));
    }

    /** Least time between two LookupEvents calls; HOLDFAST_LOOKUP_PACE_MS changes it (tests), default 500 ms. */
    static java.time.Duration lookupPace(java.util.Map<String, String> env) {
        String ms = env.get("HOLDFAST_LOOKUP_PACE_MS");
        if (ms == null || ms.isBlank()) {
            return java.time.Duration.ofMillis(500);
        }
        try {
            return java.time.Duration.ofMillis(Long.parseLong(ms.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HOLDFAST_LOOKUP_PACE_MS must be a number of milliseconds");
        }
    }

    /** Most LookupEvents pages per run; HOLDFAST_LOOKUP_MAX_PAGES changes it (default 200, i.e. 10,000 events). */
    static int maxPages(java.util.Map<String, String> env) {
        String n = env.get("HOLDFAST_LOOKUP_MAX_PAGES");
        if (n == null || n.isBlank()) {
            return 200;
        }
        try {
            int pages = Integer.parseInt(n.trim());
            if (pages > 0) {
                return pages;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("HOLDFAST_LOOKUP_MAX_PAGES must be a positive whole number (got '"
                + n.trim() + "')");
    }

    private static URI endpoint(String s) {
        try {
            URI u = new URI(s);
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("--endpoint-url must be an http(s) URL (got '" + s + "')");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--endpoint-url must be an http(s) URL (got '" + s + "')");
        }
    }
}

package dev.holdfast.cli;

import dev.holdfast.cloud.CloudFindings;
import dev.holdfast.cloud.CloudInventory;
import dev.holdfast.cloud.CloudRules;
import dev.holdfast.cloud.CloudThresholds;
import dev.holdfast.cloud.HttpTimeout;
import dev.holdfast.cloud.IdentityClassifier;
import dev.holdfast.cloud.aws.AwsInventory;
import dev.holdfast.cloud.aws.AwsOptions;
import dev.holdfast.cloud.aws.AwsRules;
import dev.holdfast.cloud.aws.IamEngineEvaluator;
import dev.holdfast.cloud.aws.LeakedKeys;
import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "IAM and STS endpoint (tests, private endpoints)")
    String endpoint;

    @Mixin
    CloudCommand.Shared shared = new CloudCommand.Shared();

    public CloudAwsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        URI uri;
        AwsOptions opts;
        try {
            uri = endpoint == null ? null : endpoint(endpoint);
            HttpTimeout.fromEnv(console.env(), null); // a bad value is a usage error here, not a failed scan later
            opts = new AwsOptions(profile, region, uri, console.env(), CloudCommand.retryBase(console.env()), 4);
        } catch (IllegalArgumentException e) {
            console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        }
        return CloudCommand.run(console, shared, new CloudCommand.Provider() {
            @Override
            public CloudInventory collect(Clock clock, Fingerprinter fp, IdentityClassifier classifier) {
                return new AwsInventory(opts, new IamEngineEvaluator(), classifier, fp, clock).collect();
            }

            @Override
            public CloudRules rules(CloudThresholds thresholds, Clock clock, CloudFindings findings) {
                return new AwsRules(thresholds, clock, findings);
            }

            @Override
            public List<Finding> extra(CloudInventory inv, CloudFindings findings, Path repo) throws IOException {
                return repo == null ? List.of() : LeakedKeys.find(inv, findings, repo);
            }

            @Override
            public String name() {
                return "aws";
            }
        });
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

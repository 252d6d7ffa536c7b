package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.cloud.CloudProvider;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.aws.AwsRules;
import dev.holdfast.scanner.scan.FindingFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** AWS IAM through the SDK, judged by {@link AwsRules}; with a repository, the account's keys leaked in it. */
public final class AwsProvider implements CloudProvider {
    private final AwsOptions options;

    public AwsProvider(AwsOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public CloudInventory inventory(PrincipalClassifier classifier, Fingerprinter fingerprinter, Clock clock) {
        return new AwsInventory(options, new IamEngineEvaluator(), classifier, fingerprinter, clock).collect();
    }

    @Override
    public CloudRules rules(CloudThresholds thresholds, Clock clock) {
        return new AwsRules(thresholds, clock);
    }

    @Override
    public List<Finding> repositoryFindings(CloudInventory inventory, FindingFactory factory, Path repo)
            throws IOException {
        return LeakedKeys.find(inventory, factory, repo);
    }
}

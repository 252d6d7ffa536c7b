package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.cloud.CloudProvider;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.aws.AwsRules;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS IAM through the SDK, judged by {@link AwsRules}; its activity from CloudTrail; with a repository, the account's
 * keys leaked in it.
 */
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

    /**
     * CloudTrail's management events of the window, then IAM's service-last-accessed details for the agent
     * principals (the services they used, data events included).
     */
    @Override
    public ActivityLog activity(CloudInventory inventory, CloudSnapshot since, Instant from, Instant to,
                                PrincipalClassifier classifier) {
        try (AwsClients c = new AwsClients(options)) {
            ActivityLog log = CloudTrailActivity.read(c.cloudTrail, options, inventory.snapshot(), since, from, to,
                    classifier);
            List<CloudPrincipal> agents = inventory.snapshot().principals().stream()
                    .filter(p -> "agent".equals(p.kind()) && ("role".equals(p.type()) || "user".equals(p.type())))
                    .toList();
            if (agents.isEmpty()) {
                return log;
            }
            List<ScanWarning> notes = new ArrayList<>();
            var used = ServiceLastUse.read(c.iam, agents, from, options.retryBase(), notes);
            return log.withLastAccessed(used, notes);
        }
    }

    @Override
    public List<Finding> activityFindings(CloudInventory inventory, ActivityLog log, FindingFactory factory) {
        return AgentUsage.find(inventory.snapshot(), log, factory);
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

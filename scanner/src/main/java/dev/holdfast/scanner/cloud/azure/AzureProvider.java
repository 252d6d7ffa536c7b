package dev.holdfast.scanner.cloud.azure;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.cloud.CloudProvider;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.azure.AzureRules;
import dev.holdfast.scanner.scan.FindingFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Microsoft Graph and ARM authorization of one subscription through Azure Identity, judged by {@link AzureRules}; its
 * activity from the Activity Log and the Entra audit log.
 */
public final class AzureProvider implements CloudProvider {
    private final AzureOptions options;

    public AzureProvider(AzureOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public CloudInventory inventory(PrincipalClassifier classifier, Fingerprinter fingerprinter, Clock clock) {
        return new AzureInventory(options, classifier, clock).collect();
    }

    /** The subscription's Activity Log and the tenant's Entra audit log over the window. */
    @Override
    public ActivityLog activity(CloudInventory inventory, CloudSnapshot since, Instant from, Instant to,
                                PrincipalClassifier classifier) {
        AzureHttp http = new AzureHttp(options);
        return new AzureActivity(options, inventory.snapshot(), since, classifier).read(http, from, to);
    }

    @Override
    public List<Finding> activityFindings(CloudInventory inventory, ActivityLog log, FindingFactory factory) {
        return AgentRoleUse.find(inventory.snapshot(), log, factory);
    }

    @Override
    public CloudRules rules(CloudThresholds thresholds, Clock clock) {
        return new AzureRules(thresholds, clock);
    }
}

package dev.holdfast.scanner.cloud.azure;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.cloud.CloudProvider;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.azure.AzureRules;

import java.time.Clock;

/** Microsoft Graph and ARM authorization of one subscription through Azure Identity, judged by {@link AzureRules}. */
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

    @Override
    public CloudRules rules(CloudThresholds thresholds, Clock clock) {
        return new AzureRules(thresholds, clock);
    }
}

package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.scanner.scan.FindingFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One cloud provider, as {@code holdfast cloud} runs it: how to take its inventory, what happened in it, and the rules
 * that judge its snapshots. Everything after that — the comparison with a baseline snapshot, links to the code,
 * reports, exit codes — is the same for every provider. A new provider is a package with its inventory and this
 * interface, its rules in {@code rules/cloud/<provider>}, and a subcommand registered with {@code holdfast cloud}.
 */
public interface CloudProvider {

    /** The name users and the action give it: {@code holdfast cloud <name>}. */
    String name();

    /**
     * Who exists, which credentials they hold and what they may do, normalised into a snapshot.
     *
     * @throws CloudException when the credentials are missing or rejected, or the provider cannot be reached
     */
    CloudInventory inventory(PrincipalClassifier classifier, Fingerprinter fingerprinter, Clock clock);

    /**
     * What identities did in a window (which one changed IAM, on whose behalf, what else it used), from the
     * provider's activity logs. A log that cannot be read is reported in the result (partial, with the reason),
     * not thrown: the findings stand without it.
     *
     * @param since the baseline snapshot, or null; principals deleted since are looked up there
     */
    default ActivityLog activity(CloudInventory inventory, CloudSnapshot since, Instant from, Instant to,
                                 PrincipalClassifier classifier) {
        return ActivityLog.off();
    }

    /** How far back the provider's activity log reaches (CloudTrail's event history: 90 days). */
    default Duration activityRetention() {
        return Duration.ofDays(90);
    }

    /** Findings about what identities did (grants never used, shared credentials); may be empty. */
    default List<Finding> activityFindings(CloudInventory inventory, ActivityLog log, FindingFactory factory) {
        return List.of();
    }

    /** The posture rules over this provider's snapshots. */
    CloudRules rules(CloudThresholds thresholds, Clock clock);

    /** Findings that join the inventory to a repository's code and history (an AWS key leaked in it); may be empty. */
    default List<Finding> repositoryFindings(CloudInventory inventory, FindingFactory factory, Path repo)
            throws IOException {
        return List.of();
    }
}

package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudCatalogue;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.scan.ScanWarning;

import java.util.ArrayList;
import java.util.List;

/**
 * One cloud scan after the inventory: evaluate the snapshot, compare with a baseline snapshot, and package the result
 * as a {@link ScanResult} (mode {@code cloud}) so every report renders it.
 */
public final class CloudScan {
    private CloudScan() {
    }

    /**
     * The report-ready result and the snapshot to write with --snapshot-out (history updated).
     *
     * @param snapshotComplete false when the inventory was partial: the snapshot would make what it missed look
     *                         fixed next time (a partial activity log does not touch the snapshot)
     */
    public record Outcome(ScanResult result, CloudSnapshot snapshot, boolean snapshotComplete) {
    }

    /**
     * @param baseline an earlier snapshot, or null
     * @param extra    findings made outside the rules (a leaked key matched to its owner, an unused grant), or empty
     * @param activity the activity log of the window, joined to the findings it explains ({@link ActivityJoin})
     */
    public static Outcome run(CloudInventory inventory, CloudRules rules, FindingFactory factory,
                              CloudSnapshot baseline, List<Finding> extra, ActivityLog activity) {
        List<Finding> findings = new ArrayList<>();
        rules.evaluate(inventory.snapshot()).forEach(d -> findings.add(factory.toFinding(d)));
        findings.addAll(extra);
        CloudDrift.Outcome cmp = new CloudDrift(rules, factory).compare(inventory.snapshot(), findings, baseline,
                !inventory.partial());
        CloudSnapshot s = cmp.snapshot().withLeaks(extra.stream().map(Finding::fingerprint).toList());
        String target = s.provider() + ":" + s.account() + (s.subscription() == null ? "" : "/" + s.subscription());
        List<ScanWarning> warnings = new ArrayList<>(inventory.warnings());
        warnings.addAll(activity.warnings());
        ScanResult result = new ScanResult(new ScanTarget(target, null, "cloud"),
                ActivityJoin.attribute(cmp.findings(), activity), CloudCatalogue.all(), warnings,
                inventory.partial() || activity.partial());
        return new Outcome(result, s, !inventory.partial());
    }
}

package dev.holdfast.scanner.scan;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;

import java.util.List;

/**
 * Some detections are state to track rather than risks to report: each effective IAM grant (property
 * {@code tracked=grant}) is recorded in the baseline so that privilege creep can be told, but a grant is only worth
 * showing when it changed. Without a baseline nothing changed, so none is shown.
 */
public final class TrackedFindings {
    private TrackedFindings() {
    }

    public static boolean isTracked(Finding f) {
        return FindingProperty.TRACKED.isSet(f);
    }

    /**
     * What reports show: tracked findings only when new, regressed or fixed relative to a baseline — and an added
     * read-only grant (severity info) only when it came back after a fix: reads alone are not privilege creep.
     */
    public static ScanResult visible(ScanResult result, boolean comparedWithBaseline) {
        List<Finding> shown = result.findings().stream()
                .filter(f -> !isTracked(f) || (comparedWithBaseline && f.status() != Status.EXISTING
                        && !(f.status() == Status.NEW && f.severity() == Severity.INFO)))
                .toList();
        if (shown.size() == result.findings().size()) {
            return result;
        }
        return new ScanResult(result.target(), shown, result.rules(), result.warnings(), result.partial());
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attributes findings by their value's history: the commit that last brought the fingerprint into the tree. Unlike
 * blame, this follows a secret through line moves and renames, and names the commit that re-added a fixed secret
 * even when a later commit touched the line. Findings that already carry an attribution keep it.
 */
public final class TimelineAttribution {
    private TimelineAttribution() {
    }

    public static ScanResult fill(ScanResult result, Timeline timeline) {
        List<Finding> out = new ArrayList<>(result.findings().size());
        for (Finding f : result.findings()) {
            out.add(f.introducedBy() != null ? f : lastIntroduction(timeline, f.fingerprint())
                    .map(f::withIntroducedBy).orElse(f));
        }
        return new ScanResult(result.target(), out, result.rules(), result.warnings(), result.partial());
    }

    /** Who last introduced the fingerprint, when it is in the tree at HEAD. */
    public static Optional<Attribution> lastIntroduction(Timeline timeline, String fingerprint) {
        return timeline.get(fingerprint).filter(FindingHistory::presentAtHead)
                .flatMap(h -> h.last(TimelineEvent.Kind.INTRODUCED, h.events().size()))
                .map(TimelineEvent::by);
    }
}

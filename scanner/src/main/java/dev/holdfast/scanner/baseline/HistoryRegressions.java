package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Regressions from history alone, without a baseline: a finding whose fingerprint was removed by a commit and later
 * brought back is {@code regressed}, with the fix that was undone ({@code fixedBy}) and the commit that undid it
 * ({@code introducedBy}). The timeline must have been mined with the key the scan fingerprinted with.
 */
public final class HistoryRegressions {

    private HistoryRegressions() {
    }

    public static ScanResult apply(ScanResult result, Timeline timeline) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(mark(f, timeline));
        }
        return new ScanResult(result.target(), out, result.rules(), result.warnings(), result.partial());
    }

    private static Finding mark(Finding f, Timeline timeline) {
        if (f.status() != Status.NEW) {
            // Fixed, reviewed (existing) or already regressed against the ledger: the baseline's word stands.
            return f;
        }
        Optional<FindingHistory.Regression> r = timeline.get(f.fingerprint()).flatMap(FindingHistory::regression);
        if (r.isEmpty()) {
            return f;
        }
        TimelineEvent fix = r.get().fix();
        FixRef ref = new FixRef(fix.commit(), fix.by().name(), fix.by().email(), fix.by().date());
        Finding g = f.withStatus(Status.REGRESSED).withFixedBy(ref).withIntroducedBy(r.get().reintroduced().by());
        FindingHistory h = timeline.get(f.fingerprint()).orElseThrow();
        Optional<TimelineEvent> first = h.events().stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.INTRODUCED).findFirst();
        return first.map(e -> FindingProperty.FIRST_INTRODUCED_IN.on(g, e.commit())).orElse(g);
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Entries of a baseline that no longer describe the repository: open or accepted findings that match nothing in a
 * full scan, and acceptances past their date.
 */
public final class Staleness {
    private Staleness() {
    }

    /** One stale entry and why, in one line (no raw secret: the fingerprint and redacted evidence only). */
    public record Stale(String fingerprint, String reason) {
    }

    public static List<Stale> check(Baseline baseline, ScanResult current, LocalDate today) {
        Set<String> now = current.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
        List<Stale> out = new ArrayList<>();
        for (Map.Entry<String, BaselineEntry> e : baseline.findings().entrySet()) {
            BaselineEntry b = e.getValue();
            if (b.status() == EntryStatus.FIXED) {
                continue;
            }
            String where = b.locations().isEmpty() ? "" : " (was at " + b.locations().get(0).path() + ":"
                    + b.locations().get(0).line() + ")";
            if (!now.contains(e.getKey())) {
                out.add(new Stale(e.getKey(), b.ruleId() + " " + b.redacted() + where + " matches nothing now"));
            }
            if (b.acceptance() != null && b.acceptance().expiredOn(today)) {
                out.add(new Stale(e.getKey(), "acceptance by " + b.acceptance().by() + " expired on "
                        + b.acceptance().until()));
            }
        }
        return out;
    }
}

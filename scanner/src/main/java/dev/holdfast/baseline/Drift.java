package dev.holdfast.baseline;

import dev.holdfast.model.Category;
import dev.holdfast.model.Finding;
import dev.holdfast.model.FixRef;
import dev.holdfast.model.Location;
import dev.holdfast.model.Severity;
import dev.holdfast.model.Status;
import dev.holdfast.scan.ScanResult;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares a scan with a baseline: every finding becomes new, existing or regressed, and reviewed findings that are
 * gone come back as fixed. The scan must have been fingerprinted with {@link Baseline#fingerprintKey()}.
 */
public final class Drift {
    /** Property set on findings the baseline accepts as a risk ("true"). */
    public static final String ACCEPTED = "accepted";
    /** Property set when the acceptance ran out ("true"): the finding fails the run like a new one. */
    public static final String ACCEPTANCE_EXPIRED = "acceptanceExpired";
    public static final String ACCEPTED_BY = "acceptedBy";
    public static final String ACCEPTANCE_REASON = "acceptanceReason";
    public static final String ACCEPTED_UNTIL = "acceptedUntil";
    /**
     * Set on a finding that is regressed by place ({@link LedgerPlaces}): the key path or assignment target where the
     * ledger's fix had put a reference.
     */
    public static final String FIXED_PLACE = "fixedPlace";
    /** With {@link #FIXED_PLACE}: the ledger entry (fingerprint of the value the fix removed) whose fix was undone. */
    public static final String FIXED_FINDING = "fixedFinding";
    /** With {@link #FIXED_PLACE}: the reference the fix had put there, when the ledger knows it. */
    public static final String FIXED_REFERENCE = "fixedReference";

    private final Clock clock;

    public Drift(Clock clock) {
        this.clock = clock;
    }

    public ScanResult apply(ScanResult current, Baseline baseline) {
        return apply(current, baseline, fingerprint -> true);
    }

    /**
     * @param inTreeNow whether a fingerprint is in the tree at HEAD. A history scan also reports values that only
     *                  exist in old commits: one the ledger or the baseline knows as fixed is then {@code fixed}
     *                  (still in history, carrying the fix), not {@code regressed}. A tree scan passes "always".
     */
    public ScanResult apply(ScanResult current, Baseline baseline, Predicate<String> inTreeNow) {
        return apply(current, baseline, inTreeNow, PlaceMatcher.NONE);
    }

    /**
     * @param places finds the ledger fix whose reference a would-be new finding replaced: such a finding is
     *               {@code regressed} (the fix was undone with a different value)
     */
    public ScanResult apply(ScanResult current, Baseline baseline, Predicate<String> inTreeNow, PlaceMatcher places) {
        LocalDate today = LocalDate.now(clock);
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Finding f : current.findings()) {
            if (f.status() == Status.FIXED) {
                out.add(f);
                continue;
            }
            seen.add(f.fingerprint());
            Finding g = classify(f, baseline, today, inTreeNow.test(f.fingerprint()));
            out.add(g.status() == Status.NEW ? byPlace(g, places) : g);
        }
        // A range scan sees only some files, and a partial scan may have missed some: "gone" means nothing there.
        boolean complete = !current.partial() && !"range".equals(current.target().mode());
        if (complete) {
            for (Map.Entry<String, BaselineEntry> e : baseline.findings().entrySet()) {
                BaselineEntry b = e.getValue();
                if (b.status() != EntryStatus.FIXED && !seen.contains(e.getKey()) && ran(current, b.ruleId())) {
                    out.add(fixedFinding(e.getKey(), b));
                }
            }
        }
        return new ScanResult(current.target(), out, current.rules(), current.warnings(), current.partial());
    }

    /**
     * Whether the scan ran the rule: one that did not (a {@code --history} scan runs the secret rules only, a disabled
     * rule runs nowhere) cannot say the rule's findings are gone. An empty rule list means every rule ran.
     */
    private static boolean ran(ScanResult scan, String ruleId) {
        return scan.rules().isEmpty() || scan.rules().containsKey(ruleId);
    }

    private static Finding classify(Finding f, Baseline baseline, LocalDate today, boolean inTreeNow) {
        BaselineEntry entry = baseline.findings().get(f.fingerprint());
        LedgerEntry fixed = baseline.ledger().get(f.fingerprint());
        if (!inTreeNow && (fixed != null || entry != null)) {
            FixRef by = fixed != null && fixed.fix() != null ? fixed.fix().toFixRef()
                    : entry != null && entry.fixedBy() != null ? entry.fixedBy().toFixRef() : null;
            return f.withStatus(Status.FIXED).withFixedBy(by);
        }
        if (entry != null && entry.status() == EntryStatus.OPEN) {
            return f.withStatus(Status.EXISTING);
        }
        if (entry != null && entry.status() == EntryStatus.ACCEPTED) {
            Acceptance a = entry.acceptance();
            Finding g = f.withStatus(Status.EXISTING).withProperty(ACCEPTED, "true");
            if (a != null) {
                g = with(g, ACCEPTED_BY, a.by());
                g = with(g, ACCEPTANCE_REASON, a.reason());
                g = with(g, ACCEPTED_UNTIL, a.until());
                if (a.expiredOn(today)) {
                    g = g.withProperty(ACCEPTANCE_EXPIRED, "true");
                }
            }
            return g;
        }
        if (fixed != null && fixed.fix() != null) {
            return f.withStatus(Status.REGRESSED).withFixedBy(fixed.fix().toFixRef());
        }
        if (entry != null) {
            // A reviewed finding recorded as fixed without a ledger entry (e.g. removed in the working tree).
            FixRef by = entry.fixedBy() == null ? null : entry.fixedBy().toFixRef();
            return f.withStatus(Status.REGRESSED).withFixedBy(by);
        }
        return f.withStatus(Status.NEW);
    }

    private static Finding byPlace(Finding f, PlaceMatcher places) {
        return places.match(f).map(m -> with(f.withStatus(Status.REGRESSED).withFixedBy(m.entry().fix().toFixRef())
                .withProperty(FIXED_PLACE, m.place()).withProperty(FIXED_FINDING, m.fingerprint()),
                FIXED_REFERENCE, m.reference())).orElse(f);
    }

    private static Finding with(Finding f, String key, String value) {
        return value == null ? f : f.withProperty(key, value);
    }

    private static Finding fixedFinding(String fingerprint, BaselineEntry b) {
        StoredLocation where = b.locations().isEmpty() ? new StoredLocation(null, 0) : b.locations().get(0);
        String message = "no longer found" + (where.path() == null ? "" : " (was at " + where.path() + ":" + where.line() + ")");
        return new Finding(fingerprint, b.ruleId(), Category.fromId(b.category()), Severity.fromId(b.severity()),
                Status.FIXED, message, new Location(where.path(), where.line(), 0, null, null), b.redacted(),
                b.introducedBy() == null ? null : b.introducedBy().toAttribution(),
                b.fixedBy() == null ? null : b.fixedBy().toFixRef(), null, Map.of());
    }
}

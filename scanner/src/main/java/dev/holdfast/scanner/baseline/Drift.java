package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares a scan with a baseline: every finding becomes new, existing or regressed, and reviewed findings that are
 * gone come back as fixed, by the rules of the {@link DriftEngine} that the cloud comparison shares. The scan must
 * have been fingerprinted with {@link Baseline#fingerprintKey()}.
 */
public final class Drift {

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
        // Only a tree or whole-history scan sees everything: a range, a staged change or a push sees some files, and
        // a partial scan may have missed some, so there "gone" means nothing.
        String mode = current.target().mode();
        boolean complete = !current.partial() && ("tree".equals(mode) || "history".equals(mode));
        List<Finding> out = DriftEngine.compare(current.findings(), new Reviewed(baseline, LocalDate.now(clock)),
                new DriftEngine.Run(inTreeNow, f -> byPlace(f, places), complete, rule -> ran(current, rule)));
        return new ScanResult(current.target(), out, current.rules(), current.warnings(), current.partial());
    }

    /**
     * Whether the scan ran the rule: one that did not (a {@code --history} scan runs the secret rules only, a disabled
     * rule runs nowhere) cannot say the rule's findings are gone. An empty rule list means every rule ran.
     */
    private static boolean ran(ScanResult scan, String ruleId) {
        return scan.rules().isEmpty() || scan.rules().containsKey(ruleId);
    }

    /** The reviewed baseline and its fix ledger as the engine's earlier state. */
    private record Reviewed(Baseline baseline, LocalDate today) implements DriftEngine.Prior {
        @Override
        public DriftEngine.Known known(String fingerprint) {
            BaselineEntry entry = baseline.findings().get(fingerprint);
            LedgerEntry ledger = baseline.ledger().get(fingerprint);
            FixRef ledgerFix = ledger == null || ledger.fix() == null ? null : ledger.fix().toFixRef();
            FixRef entryFix = entry == null || entry.fixedBy() == null ? null : entry.fixedBy().toFixRef();
            FixRef by = ledgerFix != null ? ledgerFix : entryFix;
            if (entry != null && entry.status() == EntryStatus.OPEN) {
                return new DriftEngine.Known(DriftEngine.Known.Kind.OPEN, by, Map.of());
            }
            if (entry != null && entry.status() == EntryStatus.ACCEPTED) {
                return new DriftEngine.Known(DriftEngine.Known.Kind.OPEN, by, acceptance(entry.acceptance()));
            }
            if (ledgerFix != null || entry != null) {
                // A reviewed finding recorded as fixed without a ledger entry (e.g. removed in the working tree)
                // carries the entry's fix.
                return DriftEngine.Known.fixed(by);
            }
            return ledger == null ? null : new DriftEngine.Known(DriftEngine.Known.Kind.SEEN, null, Map.of());
        }

        private Map<String, String> acceptance(Acceptance a) {
            Map<String, String> props = new TreeMap<>();
            FindingProperty.ACCEPTED.put(props, true);
            if (a != null) {
                putIfSet(props, FindingProperty.ACCEPTED_BY, a.by());
                putIfSet(props, FindingProperty.ACCEPTANCE_REASON, a.reason());
                putIfSet(props, FindingProperty.ACCEPTED_UNTIL, a.until());
                if (a.expiredOn(today)) {
                    FindingProperty.ACCEPTANCE_EXPIRED.put(props, true);
                }
            }
            return props;
        }

        @Override
        public Collection<String> open() {
            return baseline.findings().entrySet().stream().filter(e -> e.getValue().status() != EntryStatus.FIXED)
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        public Finding asFixed(String fingerprint) {
            return fixedFinding(fingerprint, baseline.findings().get(fingerprint));
        }
    }

    private static void putIfSet(Map<String, String> props, FindingProperty<String> key, String value) {
        if (value != null) {
            key.put(props, value);
        }
    }

    private static Finding byPlace(Finding f, PlaceMatcher places) {
        return places.match(f).map(m -> with(f.withStatus(Status.REGRESSED).withFixedBy(m.entry().fix().toFixRef())
                .withProperty(FindingProperty.FIXED_PLACE.key(), m.place())
                .withProperty(FindingProperty.FIXED_FINDING.key(), m.fingerprint()),
                FindingProperty.FIXED_REFERENCE, m.reference())).orElse(f);
    }

    private static Finding with(Finding f, FindingProperty<String> key, String value) {
        return value == null ? f : key.on(f, value);
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

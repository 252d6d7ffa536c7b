package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a baseline from a full scan of the current tree and the ledger mined from history, carrying over what a
 * previous baseline knew: its salt, acceptances, findings that have since been fixed, and ledger entries that history
 * no longer shows (e.g. after a squash).
 */
public final class BaselineBuilder {
    private BaselineBuilder() {
    }

    /**
     * @param current  a full tree scan fingerprinted with {@code salt}
     * @param mined    the ledger from {@link LedgerMiner#ledger()} (same key)
     * @param previous the baseline being refreshed, or null
     * @param salt     the previous baseline's salt, or a new one
     */
    public static Baseline build(ScanResult current, Map<String, LedgerEntry> mined, Baseline previous, String salt) {
        Map<String, List<Finding>> byFp = new LinkedHashMap<>();
        for (Finding f : current.findings()) {
            if (f.status() != Status.FIXED) {
                byFp.computeIfAbsent(f.fingerprint(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, BaselineEntry> old = previous == null ? Map.of() : previous.findings();
        TreeMap<String, BaselineEntry> entries = new TreeMap<>();
        for (Map.Entry<String, List<Finding>> e : byFp.entrySet()) {
            Finding first = e.getValue().get(0);
            List<StoredLocation> where = e.getValue().stream()
                    .map(f -> new StoredLocation(f.location().path(), f.location().line())).toList();
            PersonRecord by = e.getValue().stream().filter(f -> f.introducedBy() != null).findFirst()
                    .map(f -> PersonRecord.of(f.introducedBy())).orElse(null);
            BaselineEntry prior = old.get(e.getKey());
            Acceptance acceptance = prior == null ? null : prior.acceptance();
            entries.put(e.getKey(), new BaselineEntry(first.ruleId(), first.category().id(), first.severity().id(),
                    acceptance == null ? EntryStatus.OPEN : EntryStatus.ACCEPTED, first.redacted(), where, by,
                    acceptance, null));
        }
        TreeMap<String, LedgerEntry> ledger = new TreeMap<>();
        if (previous != null) {
            ledger.putAll(previous.ledger());
        }
        ledger.putAll(mined);
        ledger.keySet().removeAll(entries.keySet());
        for (Map.Entry<String, BaselineEntry> e : old.entrySet()) {
            if (!entries.containsKey(e.getKey())) {
                LedgerEntry fix = ledger.get(e.getKey());
                BaselineEntry gone = e.getValue().withStatus(EntryStatus.FIXED);
                if (fix != null && fix.fix() != null) {
                    gone = gone.withFixedBy(fix.fix());
                }
                entries.put(e.getKey(), gone);
            }
        }
        return new Baseline(Baseline.SCHEMA_VERSION, salt, entries, ledger);
    }

    /** Records an accepted risk; the fingerprint must be an open or accepted entry of the baseline. */
    public static Baseline accept(Baseline baseline, String fingerprint, Acceptance acceptance) {
        BaselineEntry e = baseline.findings().get(fingerprint);
        if (e == null) {
            throw new BaselineException("fingerprint " + fingerprint + " is not in the baseline (run 'holdfast baseline'"
                    + " first, then accept)");
        }
        if (e.status() == EntryStatus.FIXED) {
            throw new BaselineException("fingerprint " + fingerprint + " is recorded as fixed; nothing to accept");
        }
        TreeMap<String, BaselineEntry> next = new TreeMap<>(baseline.findings());
        next.put(fingerprint, e.withAcceptance(acceptance));
        return baseline.withFindings(next);
    }
}

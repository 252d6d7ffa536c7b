package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What {@code holdfast scan} needs from the baseline, in three calls: {@link #resolve} finds and reads it (an explicit
 * {@code --baseline FILE}, else {@code PATH/.holdfast/baseline.json} when present, else none);
 * {@link #fingerprinter()} is the key the scan must fingerprint with; {@link #apply} classifies the findings.
 */
public final class ScanBaseline {
    private final Path root;
    private final Path file;
    private final Baseline baseline;

    private ScanBaseline(Path root, Path file, Baseline baseline) {
        this.root = root;
        this.file = file;
        this.baseline = baseline;
    }

    /**
     * @param explicit {@code --baseline FILE}, or null
     * @throws BaselineException (one line; exit 2) when the file is missing, corrupt or of an unknown version
     */
    public static ScanBaseline resolve(Path root, Path explicit) {
        Path file = explicit != null ? explicit : BaselineStore.findDefault(root);
        return file == null ? new ScanBaseline(root, null, null)
                : new ScanBaseline(root, file, new BaselineStore().read(file));
    }

    public static ScanBaseline none() {
        return new ScanBaseline(null, null, null);
    }

    public boolean present() {
        return baseline != null;
    }

    /** The baseline file, or null. */
    public Path file() {
        return file;
    }

    /** The baseline, or null. */
    public Baseline baseline() {
        return baseline;
    }

    /** The baseline's salt when there is one, else the public default key. */
    public Fingerprinter fingerprinter() {
        return new Fingerprinter(baseline != null ? baseline.fingerprintKey() : FingerprintKeys.defaultKey());
    }

    /**
     * Drift against the baseline (when present), then regressions from history (when a timeline mined with
     * {@link #fingerprinter()} is given, e.g. for {@code --history}).
     *
     * @param timeline null unless history was mined
     */
    public ScanResult apply(ScanResult result, Timeline timeline, Clock clock) {
        // A history scan marks each finding presentAtHead; a value found only in old commits is not in the tree now.
        java.util.Set<String> atHead = new java.util.HashSet<>();
        java.util.Set<String> onlyInHistory = new java.util.HashSet<>();
        for (dev.holdfast.rules.model.Finding f : result.findings()) {
            (Boolean.FALSE.equals(FindingProperty.PRESENT_AT_HEAD.get(f)) ? onlyInHistory : atHead).add(f.fingerprint());
        }
        java.util.function.Predicate<String> inTreeNow = fp -> atHead.contains(fp) || !onlyInHistory.contains(fp)
                && (timeline == null || timeline.get(fp).map(FindingHistory::presentAtHead).orElse(true));
        ScanResult r = result;
        if (baseline != null) {
            try (LedgerPlaces places = root == null ? null : LedgerPlaces.of(baseline, root)) {
                r = new Drift(clock).apply(result, baseline, inTreeNow, places == null ? PlaceMatcher.NONE : places);
            }
        }
        r = timeline == null ? r : HistoryRegressions.apply(r, timeline);
        return baseline == null ? r : dev.holdfast.scanner.scan.AgentWidening.mark(r);
    }
}

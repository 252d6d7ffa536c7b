package dev.holdfast.scanner.baseline;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.HistoryWalk;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.scan.AgentWidening;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.LineAttributor;
import dev.holdfast.scanner.scan.TreeScanner;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.scan.ScanResult;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The baseline use cases end to end: refresh a baseline from the tree and history, and scan a tree against one.
 * The tree scan is pluggable (configuration, blame) through {@link #treeScan}.
 */
public final class BaselineWorkflow {

    /** Scans the working tree under {@code root}, fingerprinting with {@code fingerprinter}. */
    @FunctionalInterface
    public interface TreeScan {
        ScanResult scan(Path root, Fingerprinter fingerprinter, Timeline timeline) throws IOException;
    }

    /** What a refresh did. */
    /**
     * What a refresh did.
     *
     * @param reopened findings that had been fixed and are back, which this refresh records as open (a person should
     *                 know: refreshing accepts the regression), with their fix and who brought them back
     */
    public record Refresh(Baseline baseline, boolean written, ScanResult scanned, List<Finding> reopened) {
    }

    private final Detector detector;
    private final CommitAttributor attributor;
    private final TreeScan treeScan;
    private final BaselineStore store;
    private final HoldfastConfig config;

    public BaselineWorkflow(Detector detector, CommitAttributor attributor) {
        this(detector, attributor, treeScan(HoldfastConfig.defaults(), detector, null, null), new BaselineStore(),
                HoldfastConfig.defaults());
    }

    /**
     * The working-tree scan of {@link TreeScanner} under the given key, attributed by blame when {@code blame} is
     * given and else by the value's history, without findings in the default baseline file itself (it holds a salt
     * and hashes, which generic entropy rules would flag).
     *
     * @param displayPath the path to show as the scan target (null: the root)
     */
    public static TreeScan treeScan(HoldfastConfig config, Detector detector, String displayPath,
                                    LineAttributor blame) {
        Map<String, RuleInfo> rules = new TreeMap<>();
        detector.rules().forEach(r -> rules.put(r.id(), r));
        return (root, fp, timeline) -> {
            ScanResult r = new TreeScanner(config, detector, new FindingFactory(fp), rules, blame)
                    .scan(root, displayPath == null ? root.toString() : displayPath, timeline.head());
            return TimelineAttribution.fill(BaselineStore.withoutArtifacts(r), timeline);
        };
    }

    /**
     * @param config its path ignores and size cap apply to history mining as they apply to the tree scan
     */
    public BaselineWorkflow(Detector detector, CommitAttributor attributor, TreeScan treeScan, BaselineStore store,
                            HoldfastConfig config) {
        this.detector = detector;
        this.attributor = attributor;
        this.treeScan = treeScan;
        this.store = store;
        this.config = config;
    }

    private LedgerMiner miner(Repository repo, Fingerprinter fp) {
        return new LedgerMiner(repo, detector, fp, attributor, config.maxFileSize()).ignoring(config::isIgnored);
    }

    public BaselineStore store() {
        return store;
    }

    /**
     * Writes or refreshes the baseline at {@code file}: keeps the previous salt and acceptances, re-mines the ledger.
     * Nothing is written when the scan was partial (a baseline must never claim a finding fixed that was not seen).
     */
    public Refresh refresh(Path root, Path file) throws IOException {
        Baseline previous = Files.exists(file) ? store.read(file) : null;
        String salt = previous != null ? previous.salt() : Baseline.newSalt();
        Fingerprinter fp = new Fingerprinter(java.util.Base64.getDecoder().decode(salt));
        Timeline timeline;
        SortedMap<String, LedgerEntry> ledger;
        try (Repository repo = open(root)) {
            if (repo == null) {
                timeline = Timeline.empty();
                ledger = new java.util.TreeMap<>();
            } else {
                LedgerMiner miner = miner(repo, fp);
                timeline = miner.timeline();
                ledger = miner.ledger();
            }
        }
        ScanResult current = treeScan.scan(root, fp, timeline);
        if (current.partial()) {
            throw new BaselineException("baseline " + file + ": not written, the scan of " + root + " was incomplete");
        }
        Baseline next = BaselineBuilder.build(current, ledger, previous, salt);
        boolean written = store.write(file, next);
        Baseline known = previous != null ? previous : new Baseline(salt, Map.of(), Map.of());
        // The clock only dates acceptances, which do not decide "regressed".
        ScanResult against;
        try (LedgerPlaces places = LedgerPlaces.of(known, root)) {
            against = HistoryRegressions.apply(new Drift(Clock.systemUTC()).apply(current, known, k -> true, places),
                    timeline);
        }
        List<Finding> reopened = against.findings().stream()
                .filter(f -> f.status() == dev.holdfast.rules.model.Status.REGRESSED).toList();
        return new Refresh(next, written, current, reopened);
    }

    /** The history of {@code root} fingerprinted with {@code fp} (empty outside a git repository). */
    public Timeline timeline(Path root, Fingerprinter fp) throws IOException {
        try (Repository repo = open(root)) {
            return repo == null ? Timeline.empty() : miner(repo, fp).timeline();
        }
    }

    /**
     * The history of the given paths only (see {@link LedgerMiner#onlyPaths}), mined from the commits of a walk this
     * run already made; empty when there are none.
     */
    public Timeline timeline(Path root, Fingerprinter fp, java.util.Collection<String> paths, HistoryWalk walk)
            throws IOException {
        if (paths.isEmpty()) {
            return Timeline.empty();
        }
        try (Repository repo = open(root)) {
            return repo == null ? Timeline.empty()
                    : miner(repo, fp).onlyPaths(paths).over(walk).timeline();
        }
    }

    /** A tree scan fingerprinted with the baseline's key, with drift applied. */
    public ScanResult scan(Path root, Baseline baseline, Clock clock) throws IOException {
        Fingerprinter fp = baseline.fingerprinter();
        ScanResult current = treeScan.scan(root, fp, timeline(root, fp));
        try (LedgerPlaces places = LedgerPlaces.of(baseline, root)) {
            return AgentWidening.mark(new Drift(clock).apply(current, baseline, f -> true, places));
        }
    }

    /** The current tree fingerprinted with the baseline's key, without drift (for staleness checks). */
    public ScanResult scanRaw(Path root, Baseline baseline) throws IOException {
        Fingerprinter fp = baseline.fingerprinter();
        return treeScan.scan(root, fp, timeline(root, fp));
    }

    /** The repository containing {@code root}, or null when there is none. */
    static Repository open(Path root) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toAbsolutePath().toFile());
        return b.getGitDir() == null ? null : b.build();
    }
}

package dev.holdfast.scanner.scan;

import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.baseline.BaselineWorkflow;
import dev.holdfast.scanner.baseline.CommitAttributor;
import dev.holdfast.scanner.baseline.ScanBaseline;
import dev.holdfast.scanner.baseline.Timeline;
import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.Blobs;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.git.FindingOrigins;
import dev.holdfast.scanner.git.GitFetcher;
import dev.holdfast.scanner.git.HistoryOptions;
import dev.holdfast.scanner.git.HistoryScanner;
import dev.holdfast.scanner.git.HistoryWalk;
import dev.holdfast.scanner.git.ObjectFetcher;
import dev.holdfast.scanner.git.RangeResolver;
import dev.holdfast.scanner.git.Repos;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.push.RangeAdditions;
import dev.holdfast.scanner.source.WorkingTreeSource;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one assembly of a scan, for every command that scans ({@code scan}, the hooks, {@code baseline}, {@code fix}):
 * the configured detectors, the baseline's fingerprint key, and one method per mode: what is read, who introduced
 * each finding (one walk of the history for all of them, in every mode), and how the result compares with the
 * baseline. The baseline use cases get their {@link BaselineWorkflow} from {@link #baselineWorkflow}, wired the same
 * way. What the command reports.
 */
public final class ScanWorkflow {
    private final Path root;
    private final String display;
    private final HoldfastConfig cfg;
    private final CommitAuthorClassifier identities;
    private final ScanBaseline base;
    private final Clock clock;
    private final ScanProgress progress;
    private final boolean fetch;
    private final PrintStream notes;

    /**
     * @param fetch whether a partial clone's missing blobs and a force push's old head may be fetched from the remote
     * @param notes where one-line notes go (stderr)
     */
    public ScanWorkflow(Path root, String display, HoldfastConfig cfg, CommitAuthorClassifier identities, ScanBaseline base,
                 Clock clock, ScanProgress progress, boolean fetch, PrintStream notes) {
        this.root = root;
        this.display = display;
        this.cfg = cfg;
        this.identities = identities;
        this.base = base;
        this.clock = clock;
        this.progress = progress;
        this.fetch = fetch;
        this.notes = notes;
    }

    public ObjectFetcher fetcher(Repository repo) {
        return fetch ? GitFetcher.forRepository(repo) : ObjectFetcher.NONE;
    }

    /** The working tree, every detector; each finding attributed to the commit that added its value. */
    public ScanResult tree() throws IOException {
        CompositeDetector detector = ConfiguredDetectors.build(cfg, clock);
        FindingFactory factory = factory();
        String head = null;
        try (Repository repo = WorkingTreeSource.openRepository(root)) {
            if (repo != null) {
                ObjectId id = repo.resolve("HEAD");
                head = id == null ? null : id.name();
            }
        }
        ScanResult raw = BaselineStore.withoutArtifacts(new TreeScanner(cfg, detector, factory, rules(detector), null)
                .scan(root, display, head));
        try (Repository repo = Repos.enclosingWorkTree(root)) {
            if (repo != null && !raw.findings().isEmpty()) {
                FindingOrigins.Result traced = origins(repo, FindingOrigins.prefix(repo, root), detector, raw)
                        .trace(raw.findings(), FindingOrigins.Content.workingTree(root));
                raw = with(raw, traced.attributed(), traced.warnings());
            }
        }
        return finish(raw, null);
    }

    /**
     * Every commit reachable from any ref, with the secret rules. Findings still in HEAD are placed on HEAD's lines
     * and attributed as in the tree (the commit that last brought the value in: after a fix, the one that brought it
     * back); the value history of their files tells which came back after a fix.
     */
    public ScanResult history() throws IOException {
        // The rules are parsed on a second core while the history is walked; a bad rule file or threshold is still
        // the error reported first, whatever else is wrong.
        InBackground<CompositeDetector> rules = new InBackground<>("holdfast-rules",
                () -> ConfiguredDetectors.secrets(cfg, clock));
        CompositeDetector detector;
        ScanResult raw;
        HistoryWalk walk; // one walk of the history for the scan and for the timeline of what it found
        try (Repository repo = Repos.open(root)) {
            Blobs.requireHistory(repo, fetcher(repo), List.of("--all"));
            walk = HistoryWalk.of(repo, resolve(repo, HistoryOptions.all()));
            raw = BaselineStore.withoutArtifacts(new HistoryScanner(identities).scan(walk, display, rules,
                    factory(), options(HistoryOptions.all())));
            detector = rules.get();
            List<Finding> atHead = raw.findings().stream().filter(ScanWorkflow::atHead).toList();
            if (!atHead.isEmpty()) {
                FindingOrigins.Result traced = origins(repo, "", detector, raw)
                        .trace(atHead, FindingOrigins.Content.locationCommit());
                List<Finding> out = new ArrayList<>(traced.attributed());
                raw.findings().stream().filter(f -> !atHead(f)).forEach(out::add);
                raw = with(raw, out, traced.warnings());
            }
        } catch (IOException | RuntimeException e) {
            rules.get(); // a rule or threshold error first, as when the rules were built before anything else
            throw e;
        }
        Set<String> paths = raw.findings().stream().filter(ScanWorkflow::atHead)
                .map(f -> f.location().path()).collect(Collectors.toCollection(TreeSet::new));
        Timeline timeline = baselineWorkflow(cfg, detector, display)
                .timeline(root, base.fingerprinter(), paths, walk);
        return finish(raw, timeline);
    }

    /** The commits {@code --since REV} or {@code --range A..B} name. */
    public CommitSet resolve(HistoryOptions options) throws IOException {
        try (Repository repo = Repos.open(root)) {
            return resolve(repo, options);
        }
    }

    private static CommitSet resolve(Repository repo, HistoryOptions options) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return new RangeResolver(repo).resolve(options, rw);
        }
    }

    /**
     * The commits of a push, every detector on the files they changed. Only what they added is reported, attributed
     * to the commit that added it; a value already in a parent's version of the file (moved, re-indented, shifted)
     * was not added by them.
     */
    public ScanResult commits(CommitSet set) throws IOException {
        CompositeDetector detector = ConfiguredDetectors.build(cfg, clock);
        ScanResult raw;
        try (Repository repo = Repos.open(root)) {
            List<String> revisions = new ArrayList<>();
            set.starts().forEach(id -> revisions.add(id.name()));
            set.excluded().forEach(id -> revisions.add("^" + id.name()));
            Blobs.requireHistory(repo, fetcher(repo), revisions);
            raw = BaselineStore.withoutArtifacts(new HistoryScanner(identities).scan(repo, display, detector,
                    factory(), options(HistoryOptions.commits(set))));
            if (!raw.findings().isEmpty()) {
                RangeAdditions.Result added = new RangeAdditions(repo, detector.forRules(ruleIds(raw)), factory(),
                        identities, fetcher(repo)).keepAdded(raw, set);
                if (added.existing() > 0) {
                    notes.println("holdfast: " + added.existing() + " finding(s) in the scanned files were already "
                            + "there before these commits (moved, re-indented or shifted): not new");
                }
                raw = added.added();
            }
        }
        return finish(raw, null);
    }

    /** A result with nothing in it, for an event that brings nothing to scan. */
    public ScanResult nothing(String scope) throws IOException {
        String head = null;
        try (Repository repo = Repos.open(root)) {
            ObjectId id = repo.resolve("HEAD");
            head = id == null ? null : id.name();
        }
        return new ScanResult(new ScanTarget(display, head, "range", scope), List.of(), Map.of(), List.of(), false);
    }

    private ScanResult finish(ScanResult raw, Timeline timeline) {
        return TrackedFindings.visible(base.apply(raw, timeline, clock), base.present());
    }

    private HistoryOptions options(HistoryOptions o) {
        return o.withMaxBlobSize(cfg.maxFileSize()).withThreads(cfg.threads()).withIgnored(cfg::isIgnored)
                .withProgress(progress);
    }

    private FindingOrigins origins(Repository repo, String prefix, CompositeDetector detector, ScanResult r) {
        // To learn the values again, only the detectors whose rules produced a finding need to run.
        return new FindingOrigins(repo, prefix, detector.forRules(ruleIds(r)), factory(), identities, fetcher(repo));
    }

    private FindingFactory factory() {
        return new FindingFactory(base.fingerprinter());
    }

    private static Set<String> ruleIds(ScanResult r) {
        return r.findings().stream().map(Finding::ruleId).collect(Collectors.toSet());
    }

    private static boolean atHead(Finding f) {
        return FindingProperty.isTrue(FindingProperty.PRESENT_AT_HEAD, f);
    }

    private static Map<String, RuleInfo> rules(CompositeDetector detector) {
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (RuleInfo r : detector.rules()) {
            rules.put(r.id(), r);
        }
        return rules;
    }

    private static ScanResult with(ScanResult r, List<Finding> findings, List<ScanWarning> more) {
        List<ScanWarning> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(more);
        return new ScanResult(r.target(), findings, r.rules(), warnings, r.partial());
    }

    /** The configured detectors; tests substitute their own through the commands' package-private constructors. */
    public static Function<HoldfastConfig, Detector> detectors(Clock clock) {
        return config -> ConfiguredDetectors.build(config, clock);
    }

    /** The baseline use cases (refresh, check, a tree scan against the baseline) with these detectors. */
    public static BaselineWorkflow baselineWorkflow(HoldfastConfig config, Detector detector, String displayPath) {
        return new BaselineWorkflow(detector, CommitAttributor.of(identities(config)),
                BaselineWorkflow.treeScan(config, detector, displayPath, null), new BaselineStore(), config);
    }

    /**
     * Who made a commit, classified by the built-in identity patterns plus the config's {@code identities}.
     *
     * @throws ConfigException when the config's identities section is invalid
     */
    public static CommitAuthorClassifier identities(HoldfastConfig config) {
        try {
            return CommitAuthorClassifier.builtin().withExtra(config.identities());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source() + ": " + e.getMessage(), e);
        }
    }
}

package dev.holdfast.cli;

import dev.holdfast.baseline.BaselineException;
import dev.holdfast.baseline.BaselineStore;
import dev.holdfast.baseline.BaselineWorkflow;
import dev.holdfast.baseline.TimelineAttribution;
import dev.holdfast.baseline.FailPolicy;
import dev.holdfast.baseline.ScanBaseline;
import dev.holdfast.baseline.Timeline;
import dev.holdfast.config.ConfigException;
import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.git.BlameAttributor;
import dev.holdfast.git.HistoryOptions;
import dev.holdfast.git.HistoryScanner;
import dev.holdfast.identity.IdentityClassifier;
import dev.holdfast.model.Finding;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.scan.CompositeDetector;
import dev.holdfast.scan.FindingFactory;
import dev.holdfast.scan.ScanResult;
import dev.holdfast.scan.TrackedFindings;
import dev.holdfast.scan.TreeScanner;
import dev.holdfast.source.WorkingTreeSource;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code holdfast scan [PATH]}: scan a working tree, the whole history, or a push range. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan a working tree (default), the whole history, or a push range for secrets, long-lived "
                + "credentials and privilege creep.")
public final class ScanCommand implements Callable<Integer> {
    private final Console console;
    private final Clock clock;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "directory to scan (default .)")
    Path path;

    @Option(names = "--history", description = "every commit reachable from any ref")
    boolean history;

    @Option(names = "--since", paramLabel = "REV", description = "only commits after REV (push mode)")
    String since;

    @Option(names = "--range", paramLabel = "A..B", description = "only commits in A..B (push mode)")
    String range;

    @Option(names = "--staged", description = "the index against HEAD: what the next commit adds (pre-commit)")
    boolean staged;

    @Option(names = "--pre-push", description = "what a push sends, from git's pre-push stdin (pre-push)")
    boolean prePush;

    @Option(names = "--remote", paramLabel = "NAME", description = "--pre-push: the remote git passes as $1")
    String remote;

    @Option(names = "--agent", paramLabel = "NAME",
            description = "--staged/--pre-push: the AI agent doing the work (default: from its environment)")
    String agent;

    @Option(names = "--record", paramLabel = "FILE",
            description = "--staged/--pre-push: append a redacted line per blocked finding (audit trail)")
    Path record;

    @Option(names = "--fail-open", description = "--staged/--pre-push: let the work through when the scan fails")
    boolean failOpen;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "compare with a baseline (default PATH/.holdfast/baseline.json when present)")
    Path baseline;

    @Option(names = "--fail-on", defaultValue = FailPolicy.DEFAULT, description = "none|new|regressed|any (default new)")
    String failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "default PATH/.holdfast.yml when present")
    Path config;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Mixin
    OutputOptions output = new OutputOptions();

    public ScanCommand(Console console) {
        this(console, Clock.systemUTC());
    }

    ScanCommand(Console console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        try {
            FailPolicy.predicate(failOn);
            output.validate();
            int modes = (history ? 1 : 0) + (since != null ? 1 : 0) + (range != null ? 1 : 0) + (staged ? 1 : 0)
                    + (prePush ? 1 : 0);
            if (modes > 1) {
                throw new IllegalArgumentException("--history, --since, --range, --staged and --pre-push exclude "
                        + "each other");
            }
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (!Files.isDirectory(path)) {
            return usage(path + ": no such directory");
        }
        if (staged || prePush) {
            return new GitHookScan(console, clock).run(this);
        }
        Path root = path.toAbsolutePath().normalize();
        HoldfastConfig cfg;
        CompositeDetector detector;
        IdentityClassifier identities;
        ScanBaseline base;
        try {
            cfg = HoldfastConfig.load(root, config);
            // Whole history is about secrets (a deleted key stays valid): the line-oriented secret rules, shown only
            // what each version of a file changed. A push range and the tree get every detector on whole files.
            detector = history ? Detectors.secrets(cfg, clock) : Detectors.build(cfg, clock);
            identities = BaselineSupport.identities(cfg);
            base = ScanBaseline.resolve(root, baseline);
        } catch (ConfigException | BaselineException e) {
            return usage(e.getMessage());
        }
        try {
            boolean pushRange = since != null || range != null;
            ScanResult raw = withoutBaselineFile(scan(root, cfg, detector, identities, base));
            // The value history of every path with a finding: who last brought each finding into the tree
            // (following moves and renames, unlike blame), and for --history which ones came back after a fix.
            Timeline timeline = pushRange ? null : BaselineSupport.workflow(cfg, detector, path.toString())
                    .timeline(root, base.fingerprinter(), findingPaths(raw, history));
            if (!history && !pushRange) {
                raw = blameTheRest(root, TimelineAttribution.fill(raw, timeline), identities);
            }
            ScanResult compared = base.apply(raw, history ? timeline : null, clock);
            ScanResult result = TrackedFindings.visible(compared, base.present());
            output.write(result, console, root);
            if (result.partial()) {
                console.err().println("holdfast: the scan was partial (" + result.warnings().size()
                        + " warnings); not reporting clean");
                return ExitCode.RUNTIME;
            }
            return FailPolicy.fails(result, failOn) ? ExitCode.FINDINGS : ExitCode.OK;
        } catch (IllegalArgumentException e) {
            // a bad --since/--range revision
            return usage(e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (verbose) {
                e.printStackTrace(console.err());
            }
            console.err().println("holdfast: " + Main.oneLine(describe(e)));
            return ExitCode.RUNTIME;
        }
    }

    private ScanResult scan(Path root, HoldfastConfig cfg, CompositeDetector detector, IdentityClassifier identities,
                            ScanBaseline base) throws IOException {
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (RuleInfo r : detector.rules()) {
            rules.put(r.id(), r);
        }
        FindingFactory factory = new FindingFactory(base.fingerprinter());
        if (history || since != null || range != null) {
            HistoryOptions options = (history ? HistoryOptions.all()
                    : since != null ? HistoryOptions.since(since) : HistoryOptions.range(range))
                    .withMaxBlobSize(cfg.maxFileSize()).withThreads(cfg.threads()).withIgnored(cfg::isIgnored)
                    .withProgress(TerminalProgressBar.forConsole(console, noProgress));
            return new HistoryScanner(identities).scan(root, path.toString(), detector, factory::toFinding, options);
        }
        String head = null;
        try (Repository repo = WorkingTreeSource.openRepository(root)) {
            if (repo != null) {
                ObjectId id = repo.resolve("HEAD");
                head = id == null ? null : id.name();
            }
        }
        return new TreeScanner(cfg, detector, factory, rules, null).scan(root, path.toString(), head);
    }

    /**
     * The paths whose value history is worth mining. In a history scan only findings still present at HEAD can be
     * open regressions; a value deleted since is history, and mining every path it ever touched costs a second walk.
     */
    private static Set<String> findingPaths(ScanResult r, boolean history) {
        return r.findings().stream()
                .filter(f -> !history || !"false".equals(f.properties().get("presentAtHead")))
                .map(f -> f.location().path()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Blame for findings the value history could not attribute (e.g. a value edited in place). */
    private static ScanResult blameTheRest(Path root, ScanResult r, IdentityClassifier identities)
            throws IOException {
        if (r.findings().stream().allMatch(f -> f.introducedBy() != null)) {
            return r;
        }
        Optional<BlameAttributor> blame = BlameAttributor.forDirectory(root, identities);
        if (blame.isEmpty()) {
            return r;
        }
        try (BlameAttributor b = blame.get()) {
            List<Finding> out = r.findings().stream().map(f -> f.introducedBy() != null ? f
                    : f.withIntroducedBy(b.attribute(f.location().path(), f.location().line()))).toList();
            return new ScanResult(r.target(), out, r.rules(), r.warnings(), r.partial());
        }
    }

    /** The baseline file holds a random salt and keyed hashes, which entropy rules would flag; it is ours. */
    static ScanResult withoutBaselineFile(ScanResult r) {
        List<Finding> kept = r.findings().stream()
                .filter(f -> !BaselineStore.isBaselineArtifact(f.location().path())).toList();
        return kept.size() == r.findings().size() ? r
                : new ScanResult(r.target(), kept, r.rules(), r.warnings(), r.partial());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.FailPolicy;
import dev.holdfast.scanner.baseline.ScanBaseline;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.event.EventException;
import dev.holdfast.scanner.event.GitHubEvent;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.git.HistoryOptions;
import dev.holdfast.scanner.git.Repos;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.scanner.push.PushPlanner;
import dev.holdfast.scanner.push.PushScope;
import dev.holdfast.reports.sarif.SarifReport;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWorkflow;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code holdfast scan [PATH]}: scan a working tree, the whole history, a push range, or what a GitHub event asks. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan a working tree (default), the whole history, a push range, or what a GitHub Actions event "
                + "brings, for secrets, long-lived credentials and privilege creep.")
public final class ScanCommand implements Callable<Integer> {
    /** Stands for "take the payload path from $GITHUB_EVENT_PATH" when --event is given without a file. */
    private static final String FROM_ENVIRONMENT = "";

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

    @Option(names = "--event", arity = "0..1", paramLabel = "FILE", fallbackValue = FROM_ENVIRONMENT,
            description = "a GitHub Actions event payload decides what to scan (default file $GITHUB_EVENT_PATH)")
    String event;

    @Option(names = "--event-name", paramLabel = "NAME",
            description = "push, pull_request, pull_request_target, merge_group, schedule or workflow_dispatch "
                    + "(default $GITHUB_EVENT_NAME)")
    String eventName;

    @Option(names = "--no-fetch", description = "never fetch from the remote: not a force push's old head, not the "
            + "blobs a partial clone left out")
    boolean noFetch;

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

    @Mixin
    VerboseOption verbosity = new VerboseOption();

    @Spec
    CommandSpec spec;

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
    public Integer call() throws IOException {
        boolean eventMode = event != null || eventName != null;
        try {
            FailPolicy.predicate(failOn);
            output.validate();
            int modes = (history ? 1 : 0) + (since != null ? 1 : 0) + (range != null ? 1 : 0) + (eventMode ? 1 : 0)
                    + (staged ? 1 : 0) + (prePush ? 1 : 0);
            if (modes > 1) {
                throw new IllegalArgumentException("--history, --since, --range, --event, --staged and --pre-push "
                        + "exclude each other");
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
        HoldfastConfig cfg = HoldfastConfig.load(root, config);
        CommitAuthorClassifier identities = ScanWorkflow.identities(cfg);
        ScanBaseline base = ScanBaseline.resolve(root, baseline);
        ScanWorkflow pipeline = new ScanWorkflow(root, path.toString(), cfg, identities, base, clock,
                TerminalProgressBar.forConsole(console, noProgress), !noFetch, console.err());
        if (eventMode) {
            return event(root, pipeline);
        }
        ScanResult result = history ? pipeline.history()
                : since != null ? pipeline.commits(revisions(pipeline, () -> HistoryOptions.since(since)))
                : range != null ? pipeline.commits(revisions(pipeline, () -> HistoryOptions.range(range)))
                : pipeline.tree();
        output.write(result, console, root);
        return exit(result, null);
    }

    /** The commits --since or --range names; a revision that names none is the user's argument, not a failure. */
    private CommitSet revisions(ScanWorkflow pipeline, java.util.function.Supplier<HistoryOptions> options)
            throws IOException {
        try {
            return pipeline.resolve(options.get());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Event mode: the event decides which commits gate the run (a push, a pull request; the whole history on a
     * schedule), and the SARIF meant for code scanning describes the head's full state, so that an alert closes only
     * when its secret is gone from the head.
     */
    private int event(Path root, ScanWorkflow pipeline) throws IOException {
        String file = event == null || event.equals(FROM_ENVIRONMENT) ? console.env().get("GITHUB_EVENT_PATH") : event;
        String name = eventName != null ? eventName : console.env().get("GITHUB_EVENT_NAME");
        GitHubEvent.Request request = GitHubEvent.read(file == null || file.isBlank() ? null : Path.of(file), name);
        PushScope scope;
        if (request instanceof GitHubEvent.Everything e) {
            scope = new PushScope.WholeHistory(e.why() + ": every commit reachable from any ref");
        } else {
            Repository repo;
            try {
                repo = Repos.open(root);
            } catch (IOException e) {
                throw new EventException(path + ": not a git repository; event mode scans a clone");
            }
            try (repo) {
                scope = GitHubEvent.plan(request, new PushPlanner(repo, pipeline.fetcher(repo)));
            }
        }
        console.err().println("holdfast: " + scope.description());
        if (scope instanceof PushScope.Commits c) {
            c.set().warnings().forEach(w -> console.err().println("holdfast: warning: " + Main.oneLine(w.reason())));
        }
        boolean sarif = output.wants(SarifReport.FORMAT);
        ScanResult gate;
        ScanResult head = null;
        if (scope instanceof PushScope.WholeHistory) {
            gate = pipeline.history();
            head = gate;
        } else if (scope instanceof PushScope.Commits c) {
            gate = pipeline.commits(c.set());
            head = sarif ? pipeline.tree() : null;
        } else {
            gate = pipeline.nothing(scope.description());
            // A deleted ref has no head to describe: no SARIF, rather than one that would close every alert.
            head = sarif && !((PushScope.Nothing) scope).refGone() ? pipeline.tree() : null;
        }
        gate = new ScanResult(gate.target().withScope(scope.description()), gate.findings(), gate.rules(),
                gate.warnings(), gate.partial());
        output.write(gate, head, console, root);
        return exit(gate, head);
    }

    private int exit(ScanResult gate, ScanResult head) {
        if (gate.partial() || head != null && head.partial()) {
            int warnings = gate.warnings().size() + (head == null || head == gate ? 0 : head.warnings().size());
            console.err().println("holdfast: the scan was partial (" + warnings + " warnings); not reporting clean");
            return ExitCode.RUNTIME;
        }
        return FailPolicy.fails(gate, failOn) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.Acceptance;
import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.scanner.baseline.BaselineBuilder;
import dev.holdfast.scanner.baseline.BaselineEntry;
import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.baseline.BaselineWorkflow;
import dev.holdfast.scanner.baseline.EntryStatus;
import dev.holdfast.scanner.baseline.Staleness;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.git.Blobs;
import dev.holdfast.scanner.git.GitFetcher;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.scan.Sanitize;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWorkflow;
import dev.holdfast.scanner.source.WorkingTreeSource;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code holdfast baseline [PATH]}: write or refresh PATH/.holdfast/baseline.json from a full tree scan and the fix
 * ledger mined from history; {@code --accept} records an accepted risk; {@code --check} reports a stale baseline.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Write or refresh the baseline with the fix ledger mined from history; accept a risk; or check "
                + "that the baseline is still current.")
public final class BaselineCommand implements Callable<Integer> {
    private final Console console;
    private final Clock clock;
    private final Function<HoldfastConfig, Detector> detectors;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "repository root (default .)")
    Path path;

    @Option(names = "--output", paramLabel = "FILE", description = "baseline file (default PATH/.holdfast/baseline.json)")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "default PATH/.holdfast.yml when present")
    Path config;

    @Option(names = "--accept", paramLabel = "FINGERPRINT", description = "accept the risk of this baselined finding")
    String accept;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the risk is accepted (required with --accept)")
    String reason;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "the acceptance ends after this day")
    String until;

    @Option(names = "--check", description = "exit 1 and list stale entries: matching nothing, or acceptances past their date")
    boolean check;

    @Mixin
    VerboseOption verbosity = new VerboseOption();

    public BaselineCommand(Console console) {
        this(console, Clock.systemUTC(), null);
    }

    BaselineCommand(Console console, Clock clock, Function<HoldfastConfig, Detector> detectors) {
        this.console = console;
        this.clock = clock;
        this.detectors = detectors != null ? detectors : ScanWorkflow.detectors(clock);
    }

    @Override
    public Integer call() throws IOException {
        if (accept != null && check) {
            return usage("--accept and --check exclude each other");
        }
        if (accept == null && (reason != null || until != null)) {
            return usage("--reason and --until go with --accept");
        }
        if (accept != null && (reason == null || reason.isBlank())) {
            return usage("--accept needs --reason TEXT (why the risk is accepted)");
        }
        if (!Files.isDirectory(path)) {
            return usage(path + ": no such directory");
        }
        Path root = path.toAbsolutePath().normalize();
        Path file = output != null ? output.toAbsolutePath() : BaselineStore.defaultPath(root);
        if (accept != null) {
            return accept(root, file);
        }
        HoldfastConfig cfg = HoldfastConfig.load(root, config);
        BaselineWorkflow workflow = ScanWorkflow.baselineWorkflow(cfg, detectors.apply(cfg), path.toString());
        fetchLeftOutBlobs(root);
        return check ? check(workflow, root, file) : refresh(workflow, root, file);
    }

    /** The ledger is mined from every version of HEAD's history: a partial clone fetches the ones it left out. */
    private static void fetchLeftOutBlobs(Path root) throws IOException {
        try (Repository repo = WorkingTreeSource.openRepository(root)) {
            if (repo != null && repo.resolve("HEAD^{commit}") != null) {
                Blobs.requireHistory(repo, GitFetcher.forRepository(repo), List.of("HEAD"));
            }
        }
    }

    private int refresh(BaselineWorkflow workflow, Path root, Path file) throws IOException {
        BaselineWorkflow.Refresh r = workflow.refresh(root, file);
        Baseline b = r.baseline();
        console.out().println((r.written() ? "wrote " : "unchanged ") + display(root, file) + ": " + describe(b));
        for (Finding f : r.reopened()) {
            console.err().println("holdfast: warning: " + f.ruleId() + " " + Sanitize.oneLine(f.location().path())
                    + ":" + f.location().line() + " was fixed" + (f.fixedBy() == null ? "" : " in "
                    + f.fixedBy().commit().substring(0, 10) + " by " + Sanitize.oneLine(f.fixedBy().name()))
                    + " and is back" + (f.introducedBy() == null ? "" : " (" + Sanitize.oneLine(f.introducedBy().name())
                    + ", " + f.introducedBy().kind().id() + ")") + "; the baseline now records it as open");
        }
        return ExitCode.OK;
    }

    private int check(BaselineWorkflow workflow, Path root, Path file) throws IOException {
        Baseline b = workflow.store().read(file);
        ScanResult now = workflow.scanRaw(root, b);
        if (now.partial()) {
            console.err().println("holdfast: the scan was partial; cannot tell whether the baseline is current");
            return ExitCode.RUNTIME;
        }
        List<Staleness.Stale> stale = Staleness.check(b, now, LocalDate.now(clock));
        for (Staleness.Stale s : stale) {
            console.out().println("stale: " + s.fingerprint() + "  " + Sanitize.oneLine(s.reason()));
        }
        if (stale.isEmpty()) {
            console.out().println("baseline " + display(root, file) + " is current: " + describe(b));
            return ExitCode.OK;
        }
        console.out().println(stale.size() + " stale " + (stale.size() == 1 ? "entry" : "entries")
                + "; run 'holdfast baseline' to refresh, or renew the acceptances");
        return ExitCode.FINDINGS;
    }

    private int accept(Path root, Path file) {
        String end = null;
        if (until != null) {
            try {
                LocalDate d = LocalDate.parse(until.trim());
                if (d.isBefore(LocalDate.now(clock))) {
                    return usage("--until " + until + " is in the past");
                }
                end = d.toString();
            } catch (DateTimeParseException e) {
                return usage("--until must be a date YYYY-MM-DD (got '" + until + "')");
            }
        }
        Acceptance a = new Acceptance(whoAmI(root), reason.strip(), end);
        Baseline b = new BaselineStore().update(file, x -> BaselineBuilder.accept(x, accept.trim(), a));
        BaselineEntry e = b.findings().get(accept.trim());
        console.out().println("accepted " + accept.trim() + " (" + e.ruleId() + " " + e.redacted() + ") for "
                + a.by() + (end == null ? "" : " until " + end) + ": " + Sanitize.oneLine(a.reason()));
        return ExitCode.OK;
    }

    /** "Name <email>" from git config, else the login name: who accepted the risk. */
    private String whoAmI(Path root) {
        try (Repository repo = WorkingTreeSource.openRepository(root)) {
            if (repo != null) {
                String name = repo.getConfig().getString("user", null, "name");
                String email = repo.getConfig().getString("user", null, "email");
                if (name != null && email != null) {
                    return name + " <" + email + ">";
                }
                if (name != null) {
                    return name;
                }
            }
        }
        String user = console.env().get("USER");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    static String describe(Baseline b) {
        long open = b.findings().values().stream().filter(e -> e.status() == EntryStatus.OPEN).count();
        long accepted = b.findings().values().stream().filter(e -> e.status() == EntryStatus.ACCEPTED).count();
        long fixed = b.findings().values().stream().filter(e -> e.status() == EntryStatus.FIXED).count();
        return open + " open, " + accepted + " accepted, " + fixed + " fixed; " + b.ledger().size()
                + (b.ledger().size() == 1 ? " fix" : " fixes") + " in the ledger";
    }

    private static String display(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

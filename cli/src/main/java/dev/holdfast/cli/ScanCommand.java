package dev.holdfast.cli;

import dev.holdfast.config.ConfigException;
import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.scan.CompositeDetector;
import dev.holdfast.scan.FindingFactory;
import dev.holdfast.scan.FingerprintKeys;
import dev.holdfast.scan.ScanResult;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code holdfast scan [PATH]}: scan a working tree, the whole history, or a push range. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan a working tree (default), the whole history, or a push range for secrets, long-lived "
                + "credentials and privilege creep.")
public final class ScanCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "directory to scan (default .)")
    Path path;

    @Option(names = "--history", description = "every commit reachable from any ref")
    boolean history;

    @Option(names = "--since", paramLabel = "REV", description = "only commits after REV (push mode)")
    String since;

    @Option(names = "--range", paramLabel = "A..B", description = "only commits in A..B (push mode)")
    String range;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "compare with a baseline (default PATH/.holdfast/baseline.json when present)")
    Path baseline;

    @Option(names = "--fail-on", defaultValue = "new", description = "none|new|regressed|any (default new)")
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
        this.console = console;
    }

    @Override
    public Integer call() {
        FailOn fail;
        try {
            fail = FailOn.parse(failOn);
            output.validate();
            int modes = (history ? 1 : 0) + (since != null ? 1 : 0) + (range != null ? 1 : 0);
            if (modes > 1) {
                throw new IllegalArgumentException("--history, --since and --range exclude each other");
            }
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (!Files.isDirectory(path)) {
            return usage(path + ": no such directory");
        }
        Path root = path.toAbsolutePath().normalize();
        HoldfastConfig cfg;
        try {
            cfg = HoldfastConfig.load(root, config);
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        try {
            ScanResult result = scan(root, cfg);
            output.write(result, console, root);
            if (result.partial()) {
                console.err().println("holdfast: the scan was partial (" + result.warnings().size()
                        + " warnings); not reporting clean");
                return ExitCode.RUNTIME;
            }
            return fail.fails(result) ? ExitCode.FINDINGS : ExitCode.OK;
        } catch (IOException | RuntimeException e) {
            if (verbose) {
                e.printStackTrace(console.err());
            }
            console.err().println("holdfast: " + Main.oneLine(describe(e)));
            return ExitCode.RUNTIME;
        }
    }

    private ScanResult scan(Path root, HoldfastConfig cfg) throws IOException {
        Clock clock = Clock.systemUTC();
        CompositeDetector detector = Detectors.build(cfg, clock);
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (RuleInfo r : detector.rules()) {
            rules.put(r.id(), r);
        }
        FindingFactory factory = new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey()));
        String head = null;
        try (Repository repo = WorkingTreeSource.openRepository(root)) {
            if (repo != null) {
                ObjectId id = repo.resolve("HEAD");
                head = id == null ? null : id.name();
            }
        }
        return new TreeScanner(cfg, detector, factory, rules, null).scan(root, path.toString(), head);
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

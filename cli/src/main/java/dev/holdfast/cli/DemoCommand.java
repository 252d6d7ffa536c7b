package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.baseline.BaselineWorkflow;
import dev.holdfast.scanner.baseline.FailPolicy;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.Reports;
import dev.holdfast.scanner.scan.AgentWidening;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWorkflow;
import dev.holdfast.scanner.scan.TrackedFindings;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code holdfast demo [DIR]}: builds the story of fixtures/demo/scenario.yaml as a real git repository (a person
 * fixes a hardcoded key, the baseline is committed, weeks later an AI agent puts the key back), then scans it against
 * its baseline and exits like that scan would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a demo repository where an AI agent undoes a security fix, and scan it against its "
                + "baseline (exit 1, like the real scan).")
public final class DemoCommand implements Callable<Integer>, Failures.Named {
    private final Console console;
    private final Clock clock;
    private final Function<HoldfastConfig, Detector> detectors;

    @Parameters(index = "0", arity = "0..1", description = "where to build the repository (default: a new temporary "
            + "directory); must be empty or absent")
    Path dir;

    @Option(names = "--format", defaultValue = "text", description = "report format for the final scan (default text)")
    String format;

    @Mixin
    VerboseOption verbosity = new VerboseOption();

    public DemoCommand(Console console) {
        this(console, Clock.systemUTC(), null);
    }

    DemoCommand(Console console, Clock clock, Function<HoldfastConfig, Detector> detectors) {
        this.console = console;
        this.clock = clock;
        this.detectors = detectors != null ? detectors : ScanWorkflow.detectors(clock);
    }

    @Override
    public Integer call() throws IOException {
        try {
            Reports.forFormat(format, new ReportContext(null, Main.version(), false));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        Path target = dir != null ? dir.toAbsolutePath().normalize() : Files.createTempDirectory("holdfast-demo-");
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            return usage(dir + ": exists and is not an empty directory");
        }
        return run(target);
    }

    @Override
    public String failurePrefix() {
        return "demo failed: ";
    }

    private int run(Path target) throws IOException {
        boolean text = format.equals("text");
        // Status lines go to stderr for machine formats so that stdout stays a valid report.
        var say = text ? console.out() : console.err();
        Scenario scenario = Scenario.demo();
        BaselineWorkflow workflow = ScanWorkflow.baselineWorkflow(HoldfastConfig.defaults(), detectors.apply(HoldfastConfig.defaults()),
                target.toString());
        ScenarioRepository repo = new ScenarioRepository(scenario, new SecretGenerator(new SecureRandom().nextLong()));
        say.println("Building the demo repository in " + target);
        say.println("(its secrets are generated now, for this run only)");
        say.println();
        ScenarioRepository.Built built = repo.build(target, Map.of("baseline",
                (root, step) -> workflow.refresh(root, BaselineStore.defaultPath(root))));
        int n = 1;
        for (Scenario.Step step : scenario.steps()) {
            String commit = built.commit(step.id());
            say.printf("  %d. %s  %s  %s%n", n++, commit.substring(0, 10), step.date().substring(0, 10),
                    step.narration() == null ? step.message() : step.narration().strip());
        }
        say.println();
        say.println("$ holdfast scan " + target + (text ? "" : " --format " + format));
        say.println();
        Baseline baseline = workflow.store().read(BaselineStore.defaultPath(target));
        // As `holdfast scan` shows it: tracked grants only where they changed against the baseline.
        ScanResult result = TrackedFindings.visible(workflow.scan(target, baseline, clock), true);
        Writer w = new OutputStreamWriter(console.out(), StandardCharsets.UTF_8);
        Reports.forFormat(format, new ReportContext(target, Main.version(),
                text && console.stdoutIsTerminal() && !console.env().containsKey("NO_COLOR"))).render(result, w);
        w.flush();
        boolean fails = FailPolicy.fails(result, FailPolicy.DEFAULT);
        say.println();
        // One line per undone fix: which findings it had removed, who put them back.
        Map<String, List<String>> undone = new LinkedHashMap<>();
        Map<String, Finding> sample = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            if (f.status() == Status.REGRESSED && f.introducedBy() != null && f.fixedBy() != null) {
                String k = f.fixedBy().commit() + " " + f.introducedBy().commit() + " " + f.location().path();
                undone.computeIfAbsent(k, x -> new ArrayList<>()).add(f.ruleId());
                sample.putIfAbsent(k, f);
            }
        }
        for (Map.Entry<String, List<String>> e : undone.entrySet()) {
            Finding f = sample.get(e.getKey());
            say.println("What happened: " + (FindingProperty.AGENT_TOOL.isSet(f) ? narrowing(f, result)
                    : undid(f, e.getValue())));
        }
        say.println("Exit code " + (fails ? ExitCode.FINDINGS : ExitCode.OK) + ": like a real 'holdfast scan', the run "
                + (fails ? "fails on new and regressed findings (--fail-on new)." : "passes."));
        if (!undone.isEmpty()) {
            say.println("Put the fixes back: holdfast fix " + target + " --dry-run  (re-applies each undone fix "
                    + "from the ledger; without --dry-run it writes them on holdfast/ branches)");
        }
        say.println("Explore it: cd " + target + " && git log --format='%h %an: %s' ; holdfast scan . --format json");
        return fails ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** "Bob Chen fixed aws-access-key in config/application.yml (…); Claude (agent, …) put it back in …." */
    private static String undid(Finding f, List<String> rules) {
        String what = rules.size() == 1 ? rules.get(0)
                : String.join(", ", rules.subList(0, rules.size() - 1)) + " and " + rules.get(rules.size() - 1);
        return f.fixedBy().name() + " fixed " + what + " in " + f.location().path() + " ("
                + f.fixedBy().commit().substring(0, 10) + "); " + by(f) + " put " + (rules.size() == 1 ? "it" : "them")
                + " back in " + f.introducedBy().commit().substring(0, 10) + ".";
    }

    /** "Bob Chen narrowed Claude Code's permissions in .claude/settings.json (…); Claude (…) took shell:* back in …." */
    private static String narrowing(Finding f, ScanResult result) {
        List<String> grants = result.findings().stream()
                .filter(g -> g.status() == Status.REGRESSED && FindingProperty.TRACKED_GRANT.equals(FindingProperty.TRACKED.get(g)))
                .filter(g -> f.location().path().equals(g.location().path()))
                .map(Finding::redacted).distinct().toList();
        String tool = FindingProperty.AGENT_TOOL.get(f);
        return f.fixedBy().name() + " narrowed " + tool + "'s permissions in " + f.location().path() + " ("
                + f.fixedBy().commit().substring(0, 10) + "); " + by(f) + " took " + String.join(", ", grants)
                + " back in " + f.introducedBy().commit().substring(0, 10)
                + (AgentWidening.isOwn(f.introducedBy().name(), tool) ? ", widening its own permissions." : ".");
    }

    private static String by(Finding f) {
        return f.introducedBy().name() + " (" + f.introducedBy().kind().id() + (f.introducedBy().onBehalfOf() == null
                ? "" : ", on behalf of " + f.introducedBy().onBehalfOf().name()) + ")";
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

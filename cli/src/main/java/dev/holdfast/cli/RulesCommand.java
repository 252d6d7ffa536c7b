package dev.holdfast.cli;

import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.StructuredDetectors;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.RuleFileException;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.cloud.CloudCatalogue;
import dev.holdfast.scanner.scan.ConfiguredDetectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code holdfast rules}: list the rules; {@code holdfast rules test [FILE…]} runs every rule's own examples. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules; 'rules test [FILE...]' runs the examples of the built-in, configured and given rules.")
public final class RulesCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(arity = "0..*", paramLabel = "test [FILE...]", description = "'test' and optional custom rule files")
    List<String> args = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "default ./.holdfast.yml when present")
    Path config;

    public RulesCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        boolean test = !args.isEmpty() && args.get(0).equals("test");
        if (!args.isEmpty() && !test) {
            return usage("unknown argument '" + args.get(0) + "' (expected 'test')");
        }
        HoldfastConfig cfg;
        RuleCatalogue catalog;
        try {
            cfg = HoldfastConfig.load(Path.of("").toAbsolutePath(), config);
            catalog = ConfiguredDetectors.catalog(cfg);
            for (String file : test ? args.subList(1, args.size()) : List.<String>of()) {
                catalog = catalog.plus(RuleCatalogue.load(Path.of(file)));
            }
        } catch (ConfigException | RuleFileException e) {
            return usage(e.getMessage());
        }
        if (test) {
            RuleTestReport secrets = catalog.test();
            RuleTestReport iac = StructuredDetectors.test(Clock.systemUTC());
            List<RuleTestReport.Failure> failures = new ArrayList<>(secrets.failures());
            failures.addAll(iac.failures());
            RuleTestReport report = new RuleTestReport(secrets.rules() + iac.rules(),
                    secrets.examples() + iac.examples(), failures);
            for (RuleTestReport.Failure f : report.failures()) {
                console.out().println("FAIL " + f);
            }
            console.out().println(report.rules() + " rules, " + report.examples() + " examples: "
                    + (report.examples() - report.failures().size()) + " passed, " + report.failures().size()
                    + " failed");
            return report.passed() ? ExitCode.OK : ExitCode.FINDINGS;
        }
        List<RuleInfo> infos = new ArrayList<>(ConfiguredDetectors.build(cfg, Clock.systemUTC()).rules());
        infos.addAll(CloudCatalogue.all().values());
        infos.sort(Comparator.comparing(RuleInfo::id));
        for (RuleInfo r : infos) {
            console.out().printf("%-44s %-9s %-22s %s%n", r.id(), r.severity().id(), r.category().id(), r.title());
        }
        console.out().println(infos.size() + " rules");
        return ExitCode.OK;
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

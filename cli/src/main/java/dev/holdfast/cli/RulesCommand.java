package dev.holdfast.cli;

import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.StructuredDetectors;
import dev.holdfast.rules.catalogue.RecallReport;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.RuleFileException;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.catalogue.SecretRule;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code holdfast rules}: list the rules and their providers; {@code rules test [FILE…]} runs every rule's own
 * examples; {@code rules providers} lists the providers whose credentials the secret rules recognise;
 * {@code rules recall} counts, per family of rules, how many of the rules' own examples the whole catalogue finds.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules; 'rules test [FILE...]' runs the examples of the built-in, configured and given "
                + "rules; 'rules providers' lists the providers; 'rules recall' counts found examples per family.")
public final class RulesCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(arity = "0..*", paramLabel = "test [FILE...] | providers | recall",
            description = "'test' and optional custom rule files, 'providers' or 'recall'")
    List<String> args = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "default ./.holdfast.yml when present")
    Path config;

    public RulesCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String sub = args.isEmpty() ? "" : args.get(0);
        if (!sub.isEmpty() && !List.of("test", "providers", "recall").contains(sub)) {
            return usage("unknown argument '" + sub + "' (expected 'test', 'providers' or 'recall')");
        }
        if (!sub.equals("test") && args.size() > 1) {
            return usage("'" + (sub.isEmpty() ? args.get(0) : sub) + "' takes no files (only 'rules test' does)");
        }
        HoldfastConfig cfg;
        RuleCatalogue catalog;
        try {
            cfg = HoldfastConfig.load(Path.of("").toAbsolutePath(), config);
            catalog = ConfiguredDetectors.catalog(cfg);
            for (String file : sub.equals("test") ? args.subList(1, args.size()) : List.<String>of()) {
                catalog = catalog.plus(RuleCatalogue.load(Path.of(file)));
            }
        } catch (ConfigException | RuleFileException e) {
            return usage(e.getMessage());
        }
        return switch (sub) {
            case "test" -> test(catalog);
            case "providers" -> providers(catalog);
            case "recall" -> recall(catalog);
            default -> list(cfg, catalog);
        };
    }

    private int test(RuleCatalogue catalog) {
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

    private int list(HoldfastConfig cfg, RuleCatalogue catalog) {
        List<RuleInfo> infos = new ArrayList<>(ConfiguredDetectors.build(cfg, Clock.systemUTC()).rules());
        infos.addAll(CloudCatalogue.all().values());
        infos.sort(Comparator.comparing(RuleInfo::id));
        Map<String, String> providers = catalog.providerByRule();
        for (RuleInfo r : infos) {
            String provider = providers.get(r.id());
            console.out().printf("%-44s %-9s %-22s %s%s%n", r.id(), r.severity().id(), r.category().id(), r.title(),
                    provider == null ? "" : "  [" + provider + "]");
        }
        console.out().println(infos.size() + " rules, " + catalog.providers().size() + " providers");
        return ExitCode.OK;
    }

    private int providers(RuleCatalogue catalog) {
        Map<String, List<SecretRule>> byProvider = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (SecretRule r : catalog.rules()) {
            if (r.provider() != null) {
                byProvider.computeIfAbsent(r.provider(), p -> new ArrayList<>()).add(r);
            }
        }
        byProvider.forEach((provider, rules) -> console.out().printf("%-40s %-16s %2d  %s%n", provider,
                rules.get(0).family(), rules.size(),
                String.join(", ", rules.stream().map(SecretRule::id).toList())));
        console.out().println(byProvider.size() + " providers, " + catalog.size() + " secret rules");
        return ExitCode.OK;
    }

    private int recall(RuleCatalogue catalog) {
        RecallReport report = catalog.recall();
        console.out().printf("%-18s %9s %6s %9s %6s %9s%n", "family", "providers", "rules", "examples", "found",
                "own rule");
        for (RecallReport.Row row : report.rows()) {
            printRow(row);
        }
        printRow(report.total());
        RecallReport.Row t = report.total();
        return t.found() == t.examples() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private void printRow(RecallReport.Row r) {
        console.out().printf("%-18s %9d %6d %9d %6d %9d%n", r.family(), r.providers(), r.rules(), r.examples(),
                r.found(), r.ownRule());
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

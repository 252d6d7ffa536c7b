package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable set of secret rules: the built-in catalogue (YAML resources, one file per family), custom rule files
 * in the same schema, and combinations of them. {@link #detector} turns it into the detector the scan runs.
 */
public final class RuleCatalogue {
    /** The built-in families, in priority order for overlapping matches (specific families first). */
    static final List<String> FAMILIES = List.of("cloud", "vcs", "ai", "ci-cd", "registries", "identity",
            "observability", "messaging", "payments", "data", "saas", "keys", "credential-files", "urls", "generic");
    private static final String RESOURCE_DIR = "/dev/holdfast/rules/secrets/";
    private static volatile RuleCatalogue builtin;

    private final List<SecretRule> rules;
    private final NoiseFilter noise;

    private RuleCatalogue(List<SecretRule> rules, NoiseFilter noise) {
        this.rules = List.copyOf(rules);
        this.noise = noise;
    }

    /** The rules shipped with Holdfast. */
    public static RuleCatalogue builtin() {
        RuleCatalogue c = builtin;
        if (c == null) {
            c = new RuleCatalogue(unique(readBuiltin(false), "built-in rules"), NoiseFilter.builtin());
            builtin = c;
        }
        return c;
    }

    /**
     * The built-in rule files parsed; with {@code checkPatterns} every pattern is compiled and its group checked now
     * (what the build asserts), without it they compile on first use (a short scan runs few of them).
     */
    static List<SecretRule> readBuiltin(boolean checkPatterns) {
        List<SecretRule> all = new ArrayList<>();
        for (String family : FAMILIES) {
            String resource = RESOURCE_DIR + family + ".yml";
            try (InputStream in = RuleCatalogue.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in rule file " + resource);
                }
                all.addAll(new RuleFileParser("builtin:" + family + ".yml", family, checkPatterns).parse(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return all;
    }

    /**
     * Custom rules from a YAML file with the built-in schema.
     *
     * @throws RuleFileException naming the file, the rule and the problem in one line
     */
    public static RuleCatalogue load(Path yamlFile) {
        if (!Files.isRegularFile(yamlFile)) {
            throw new RuleFileException(yamlFile + ": no such rule file");
        }
        try (InputStream in = Files.newInputStream(yamlFile)) {
            List<SecretRule> rules = new RuleFileParser(yamlFile.toString(), "custom", true).parse(in);
            return new RuleCatalogue(unique(rules, yamlFile.toString()), NoiseFilter.builtin());
        } catch (IOException e) {
            throw new RuleFileException(yamlFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Both sets of rules; a rule id present in both is an error (a custom rule may not silently replace one). */
    public RuleCatalogue plus(RuleCatalogue other) {
        List<SecretRule> all = new ArrayList<>(rules);
        all.addAll(other.rules);
        return new RuleCatalogue(unique(all, other.rules.isEmpty() ? "rules" : other.rules.get(0).source()), noise);
    }

    /** This catalogue without the given rule ids (disabled rules); unknown ids are ignored. */
    public RuleCatalogue without(Collection<String> ruleIds) {
        Set<String> drop = Set.copyOf(ruleIds);
        return new RuleCatalogue(rules.stream().filter(r -> !drop.contains(r.id())).toList(), noise);
    }

    public List<RuleInfo> infos() {
        return rules.stream().map(SecretRule::info).toList();
    }

    public int size() {
        return rules.size();
    }

    /** The providers whose credentials the rules recognise (rules without a provider are not counted). */
    public java.util.SortedSet<String> providers() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        rules.stream().map(SecretRule::provider).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    /** Each rule's provider (absent for rules about no single provider), by rule id. */
    public Map<String, String> providerByRule() {
        Map<String, String> out = new LinkedHashMap<>();
        rules.forEach(r -> {
            if (r.provider() != null) {
                out.put(r.id(), r.provider());
            }
        });
        return out;
    }

    /**
     * Runs every rule's match examples through the whole catalogue, as a scan would, and counts per family how many
     * are found at all and how many by the rule itself (another rule may win an overlap).
     */
    public RecallReport recall() {
        Detector all = detector(v -> false);
        Map<String, int[]> byFamily = new java.util.TreeMap<>(java.util.Comparator
                .comparingInt((String f) -> FAMILIES.contains(f) ? FAMILIES.indexOf(f) : FAMILIES.size())
                .thenComparing(f -> f));
        Map<String, java.util.Set<String>> providers = new java.util.HashMap<>();
        for (SecretRule rule : rules) {
            int[] counts = byFamily.computeIfAbsent(rule.family(), f -> new int[4]);
            counts[0]++;
            if (rule.provider() != null) {
                providers.computeIfAbsent(rule.family(), f -> new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                        .add(rule.provider());
            }
            for (int i = 0; i < rule.matchExamples().size(); i++) {
                List<Detection> found = all.detect(exampleDocument(rule, rule.matchExamples().get(i), i, "match"));
                counts[1]++;
                counts[2] += found.isEmpty() ? 0 : 1;
                counts[3] += found.stream().anyMatch(d -> d.ruleId().equals(rule.id())) ? 1 : 0;
            }
        }
        List<RecallReport.Row> rows = new ArrayList<>();
        byFamily.forEach((family, c) -> rows.add(new RecallReport.Row(family,
                providers.getOrDefault(family, java.util.Set.of()).size(), c[0], c[1], c[2], c[3])));
        return new RecallReport(rows, providers().size());
    }

    /** The rules themselves, for tests and tooling. */
    public List<SecretRule> rules() {
        return rules;
    }

    /**
     * @param allowedValue true for values the user allow-listed (by hash); such values are never reported
     */
    public Detector detector(Predicate<String> allowedValue) {
        return new SecretDetector(rules, noise, allowedValue);
    }

    /** Runs every rule's own examples through the detector path: each match example must fire, no noMatch may. */
    public RuleTestReport test() {
        List<RuleTestReport.Failure> failures = new ArrayList<>();
        int count = 0;
        for (SecretRule rule : rules) {
            Detector single = new SecretDetector(List.of(rule), noise, v -> false);
            for (int i = 0; i < rule.matchExamples().size(); i++, count++) {
                SecretRule.Example ex = rule.matchExamples().get(i);
                List<Detection> found = detections(single, rule, ex, i, "match");
                if (found.isEmpty()) {
                    failures.add(new RuleTestReport.Failure(rule.id(), "match", i + 1,
                            "did not match: " + shown(rule, ex, i, "match")));
                } else if (ex.severity() != null && found.stream().noneMatch(d -> d.severity() == ex.severity())) {
                    failures.add(new RuleTestReport.Failure(rule.id(), "match", i + 1, "matched as "
                            + found.get(0).severity().id() + ", not " + ex.severity().id() + ": "
                            + shown(rule, ex, i, "match")));
                }
            }
            for (int i = 0; i < rule.noMatchExamples().size(); i++, count++) {
                if (fires(single, rule, rule.noMatchExamples().get(i), i, "noMatch")) {
                    failures.add(new RuleTestReport.Failure(rule.id(), "noMatch", i + 1,
                            "matched: " + shown(rule, rule.noMatchExamples().get(i), i, "noMatch")));
                }
            }
        }
        return new RuleTestReport(rules.size(), count, failures);
    }

    /** An example as a document: the generator syntax expanded with a seed fixed by rule, kind and position. */
    public static Document exampleDocument(SecretRule rule, SecretRule.Example example, int index, String kind) {
        String text = ExampleExpander.seeded(rule.id() + "/" + kind + "/" + index).expand(example.text());
        return new Document(example.path(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean fires(Detector d, SecretRule rule, SecretRule.Example ex, int i, String kind) {
        return !detections(d, rule, ex, i, kind).isEmpty();
    }

    private static List<Detection> detections(Detector d, SecretRule rule, SecretRule.Example ex, int i, String kind) {
        return d.detect(exampleDocument(rule, ex, i, kind)).stream().filter(x -> x.ruleId().equals(rule.id()))
                .toList();
    }

    /** The example as written in the rule file (generator syntax unexpanded, so never a whole secret). */
    private static String shown(SecretRule rule, SecretRule.Example ex, int i, String kind) {
        String t = ex.text().replace("\n", "\\n");
        return (ex.path().equals("snippet.txt") ? "" : ex.path() + ": ") + (t.length() > 120 ? t.substring(0, 120)
                + "…" : t);
    }

    private static List<SecretRule> unique(List<SecretRule> rules, String source) {
        Map<String, SecretRule> byId = new LinkedHashMap<>();
        for (SecretRule r : rules) {
            SecretRule previous = byId.putIfAbsent(r.id(), r);
            if (previous != null) {
                throw new RuleFileException(r.source() + ": rule '" + r.id() + "' is already defined in "
                        + previous.source());
            }
        }
        return List.copyOf(byId.values());
    }
}

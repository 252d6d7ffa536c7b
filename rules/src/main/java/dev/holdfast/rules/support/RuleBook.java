package dev.holdfast.rules.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.catalogue.ExampleExpander;
import dev.holdfast.rules.catalogue.RuleTestReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's rule metadata (id, title, description, category, severity, remediation, tags), read from a YAML
 * resource so that wording and severities are data, not code. Detections are built through it so every detection
 * carries the catalogue's category and remediation.
 */
public final class RuleBook {
    private final Map<String, RuleInfo> rules;
    private final Map<String, Examples> examples;

    /** A rule's own examples: documents (path + text, generator syntax allowed) it must and must not fire on. */
    public record Example(String path, String text) {
    }

    public record Examples(List<Example> match, List<Example> noMatch) {
    }

    private RuleBook(Map<String, RuleInfo> rules, Map<String, Examples> examples) {
        this.rules = Collections.unmodifiableMap(rules);
        this.examples = Collections.unmodifiableMap(examples);
    }

    /** Loads a list of rules from a classpath resource; a missing or malformed file is a programming error. */
    public static RuleBook load(String resource) {
        try (InputStream in = RuleBook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule resource missing: " + resource);
            }
            List<Map<String, Object>> raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {
            });
            Map<String, RuleInfo> byId = new LinkedHashMap<>();
            Map<String, Examples> examples = new LinkedHashMap<>();
            for (Map<String, Object> r : raw) {
                String id = req(r, "id", resource);
                @SuppressWarnings("unchecked")
                List<String> tags = r.get("tags") == null ? List.of() : List.copyOf((List<String>) r.get("tags"));
                String title = req(r, "title", resource);
                RuleInfo info = new RuleInfo(id, title, r.get("description") == null ? title
                        : req(r, "description", resource),
                        Category.fromId(req(r, "category", resource)), Severity.fromId(req(r, "severity", resource)),
                        req(r, "remediation", resource).strip(), tags);
                if (byId.put(id, info) != null) {
                    throw new IllegalStateException("duplicate rule id " + id + " in " + resource);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> ex = (Map<String, Object>) r.getOrDefault("examples", Map.of());
                examples.put(id, new Examples(examples(ex.get("match")), examples(ex.get("noMatch"))));
            }
            return new RuleBook(byId, examples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule resource " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Example> examples(Object raw) {
        List<Example> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(new Example(String.valueOf(m.get("path")), String.valueOf(m.get("text"))));
            }
        }
        return out;
    }

    /** The examples of a rule (empty lists when it has none, e.g. certificates, which are generated in tests). */
    public Examples examples(String id) {
        return examples.getOrDefault(id, new Examples(List.of(), List.of()));
    }

    /**
     * Runs every rule's own examples through the detector: a match example must yield a detection of that rule, a
     * noMatch example must not. Failures show the example as written (generator syntax, never an expanded secret).
     */
    public RuleTestReport test(Detector detector) {
        List<RuleTestReport.Failure> failures = new ArrayList<>();
        int count = 0;
        for (String id : rules.keySet()) {
            Examples ex = examples(id);
            for (int i = 0; i < ex.match().size(); i++, count++) {
                String outcome = run(detector, id, ex.match().get(i), "match", i);
                if (!outcome.equals("fired")) {
                    failures.add(new RuleTestReport.Failure(id, "match", i + 1, outcome + " on " + ex.match().get(i).path()));
                }
            }
            for (int i = 0; i < ex.noMatch().size(); i++, count++) {
                String outcome = run(detector, id, ex.noMatch().get(i), "noMatch", i);
                if (!outcome.equals("silent")) {
                    failures.add(new RuleTestReport.Failure(id, "noMatch", i + 1, outcome + " on " + ex.noMatch().get(i).path()));
                }
            }
        }
        return new RuleTestReport(rules.size(), count, failures);
    }

    private static String run(Detector detector, String id, Example e, String kind, int index) {
        String text = ExampleExpander.seeded(id + "/" + kind + "/" + index).expand(e.text());
        try {
            boolean fired = detector.detect(new Document(e.path(), text.getBytes(StandardCharsets.UTF_8))).stream()
                    .anyMatch(d -> d.ruleId().equals(id));
            return fired ? "fired" : "silent";
        } catch (DetectorException ex) {
            return "unreadable (" + ex.getMessage() + ")";
        }
    }

    private static String req(Map<String, Object> r, String key, String resource) {
        Object v = r.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalStateException("rule in " + resource + " lacks '" + key + "': " + r.get("id"));
        }
        return v.toString();
    }

    public List<RuleInfo> all() {
        return List.copyOf(rules.values());
    }

    public RuleInfo info(String id) {
        RuleInfo info = rules.get(id);
        if (info == null) {
            throw new IllegalArgumentException("unknown rule " + id);
        }
        return info;
    }

    /** A detection with the catalogue's category, severity and remediation. */
    public Detection detection(String id, String message, int line, int column, String subject, String redacted,
                               Map<String, String> properties) {
        return detection(id, null, message, line, column, subject, redacted, properties);
    }

    /** As {@link #detection}, with a severity that depends on what was matched (null keeps the rule's). */
    public Detection detection(String id, Severity severity, String message, int line, int column, String subject,
                               String redacted, Map<String, String> properties) {
        RuleInfo info = info(id);
        return new Detection(id, info.category(), severity == null ? info.severity() : severity, message,
                Math.max(line, 1), Math.max(column, 1), subject, redacted, info.remediation(), properties);
    }
}

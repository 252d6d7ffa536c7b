package dev.holdfast.rules.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.detect.Detection;
import dev.holdfast.model.Category;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    private RuleBook(Map<String, RuleInfo> rules) {
        this.rules = Collections.unmodifiableMap(rules);
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
            for (Map<String, Object> r : raw) {
                String id = req(r, "id", resource);
                @SuppressWarnings("unchecked")
                List<String> tags = r.get("tags") == null ? List.of() : List.copyOf((List<String>) r.get("tags"));
                RuleInfo info = new RuleInfo(id, req(r, "title", resource), req(r, "description", resource),
                        Category.fromId(req(r, "category", resource)), Severity.fromId(req(r, "severity", resource)),
                        req(r, "remediation", resource).strip(), tags);
                if (byId.put(id, info) != null) {
                    throw new IllegalStateException("duplicate rule id " + id + " in " + resource);
                }
            }
            return new RuleBook(byId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule resource " + resource, e);
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

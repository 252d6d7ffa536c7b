package dev.holdfast.cloud;

import dev.holdfast.model.Category;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.model.Severity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cloud rules' metadata, from cloud-rules.yml. */
public final class CloudRuleCatalog {

    /** The YAML shape of one rule. */
    public record Entry(String id, String title, String category, String severity, String remediation) {
    }

    private static final Map<String, RuleInfo> RULES = load();

    private CloudRuleCatalog() {
    }

    private static Map<String, RuleInfo> load() {
        Map<String, RuleInfo> out = new TreeMap<>();
        for (Entry e : Arrays.asList(Resources.yaml("cloud-rules.yml", Entry[].class))) {
            out.put(e.id(), new RuleInfo(e.id(), e.title(), e.title(), Category.fromId(e.category()),
                    Severity.fromId(e.severity()), e.remediation(), List.of("cloud")));
        }
        return out;
    }

    public static Map<String, RuleInfo> all() {
        return RULES;
    }

    public static RuleInfo get(String id) {
        RuleInfo r = RULES.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown cloud rule " + id);
        }
        return r;
    }
}

package dev.holdfast.cli.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON report against an expectations file (data): {@code present} entries must each match a finding,
 * {@code absent} entries must match none, and {@code otherStatus} is the status of every finding no present entry with
 * a status claims. Entry keys: resource, ruleId, category, severity, severityAtLeast, status, grant.
 */
public final class ExpectedFindings {
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    private ExpectedFindings() {
    }

    /** @return the problems, empty when the report meets every expectation */
    @SuppressWarnings("unchecked")
    public static List<String> check(JsonNode report, Path expectations) throws IOException {
        Map<String, Object> exp = new ObjectMapper(new YAMLFactory()).readValue(expectations.toFile(), Map.class);
        List<String> problems = new ArrayList<>();
        List<JsonNode> findings = new ArrayList<>();
        report.path("findings").forEach(findings::add);
        List<JsonNode> claimed = new ArrayList<>();
        for (Map<String, String> e : (List<Map<String, String>>) exp.getOrDefault("present", List.of())) {
            List<JsonNode> hits = findings.stream().filter(f -> matches(f, e)).toList();
            if (hits.isEmpty()) {
                problems.add("missing " + e);
            }
            if (e.containsKey("status")) {
                claimed.addAll(hits);
            }
        }
        for (Map<String, String> e : (List<Map<String, String>>) exp.getOrDefault("absent", List.of())) {
            findings.stream().filter(f -> matches(f, e)).forEach(f -> problems.add("unexpected " + brief(f)
                    + " (absent: " + e + ")"));
        }
        Object other = exp.get("otherStatus");
        if (other != null) {
            for (JsonNode f : findings) {
                if (!claimed.contains(f) && !f.path("status").asText().equals(other)) {
                    problems.add("status " + f.path("status").asText() + " instead of " + other + ": " + brief(f));
                }
            }
        }
        return problems;
    }

    private static boolean matches(JsonNode f, Map<String, String> e) {
        for (Map.Entry<String, String> c : e.entrySet()) {
            String want = String.valueOf(c.getValue());
            boolean ok = switch (c.getKey()) {
                case "resource" -> want.equals(f.at("/location/resource").asText());
                case "ruleId", "category", "severity", "status" -> want.equals(f.path(c.getKey()).asText());
                case "severityAtLeast" -> SEVERITIES.indexOf(f.path("severity").asText()) <= SEVERITIES.indexOf(want);
                case "grant" -> want.equals(f.at("/properties/grant").asText());
                default -> throw new IllegalArgumentException("unknown expectation key " + c.getKey());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String brief(JsonNode f) {
        return f.path("ruleId").asText() + " " + f.path("severity").asText() + " " + f.path("status").asText() + " "
                + f.at("/location/resource").asText() + " — " + f.path("message").asText();
    }
}

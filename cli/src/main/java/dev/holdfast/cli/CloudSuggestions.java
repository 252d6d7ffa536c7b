package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The least-privilege suggestions of a {@code holdfast cloud … --repo --format json} report, read back for
 * {@code fix --cloud-report}: the findings of the narrowing rules that point at a file, fixed ones left out.
 */
final class CloudSuggestions {
    private CloudSuggestions() {
    }

    /** @throws IllegalArgumentException when the file is not a holdfast cloud report (a usage error) */
    static List<Finding> read(Path report, String rule) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(report.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--cloud-report " + report + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !"cloud".equals(root.at("/target/mode").asText()) || !root.path("findings").isArray()) {
            throw new IllegalArgumentException("--cloud-report " + report + " is not a holdfast cloud JSON report "
                    + "(holdfast cloud aws --repo PATH --format json)");
        }
        List<Finding> out = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            JsonNode loc = f.path("location");
            if (!rule.equals(f.path("ruleId").asText()) || "fixed".equals(f.path("status").asText())
                    || !loc.hasNonNull("path")) {
                continue;
            }
            Map<String, String> props = new TreeMap<>();
            f.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
            out.add(new Finding(f.path("fingerprint").asText(), rule, Category.fromId(f.path("category").asText()),
                    Severity.fromId(f.path("severity").asText()), Status.fromId(f.path("status").asText()),
                    f.path("message").asText(), new Location(loc.path("path").asText(), loc.path("line").asInt(0), 0,
                    null, loc.path("resource").asText(null)), null, null, null, f.path("remediation").asText(null),
                    props));
        }
        return out;
    }
}

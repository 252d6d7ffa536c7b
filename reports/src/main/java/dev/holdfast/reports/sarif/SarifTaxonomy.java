package dev.holdfast.reports.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The data in {@code taxonomy.json}: severity scores, levels, CWE ids per category and GitHub's upload limits. */
final class SarifTaxonomy {
    private final JsonNode root;

    private SarifTaxonomy(JsonNode root) {
        this.root = root;
    }

    static SarifTaxonomy load() {
        try (InputStream in = SarifTaxonomy.class.getResourceAsStream("taxonomy.json")) {
            if (in == null) {
                throw new IllegalStateException("taxonomy.json missing from the reports jar");
            }
            return new SarifTaxonomy(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy.json", e);
        }
    }

    String securitySeverity(Severity s) {
        return root.path("securitySeverity").path(s.id()).asText("1.0");
    }

    String level(Severity s) {
        return root.path("level").path(s.id()).asText("note");
    }

    List<String> cwes(Category c) {
        List<String> out = new ArrayList<>();
        root.path("cweByCategory").path(c.id()).forEach(n -> out.add(n.asText()));
        return out;
    }

    int maxResults() {
        return root.path("limits").path("maxResults").asInt(25000);
    }

    long maxGzipBytes() {
        return root.path("limits").path("maxGzipBytes").asLong(10_000_000L);
    }
}

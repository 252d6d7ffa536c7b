package dev.holdfast.remediator.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.scanner.baseline.FixRecord;
import dev.holdfast.scanner.baseline.LedgerChange;
import dev.holdfast.scanner.baseline.LedgerEntry;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Each case of {@code advice/cases.yaml}: which reference is named, and why. */
class ReferenceAdvisorTest {
    private static final String VALUE = "V".repeat(20);

    @TestFactory
    List<DynamicTest> cases() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/advice/cases.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            out.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
        }
        return out;
    }

    private static void run(JsonNode c) {
        List<String> lines = new ArrayList<>(List.of(c.get("line").asText().replace("{{V}}", VALUE).split("\n")));
        int at = lines.size();
        String line = lines.get(at - 1);
        int column = line.indexOf(VALUE) + 1;
        Finding f = new Finding("self", c.get("rule").asText(), Category.SECRET, Severity.CRITICAL, Status.NEW, "m",
                new Location(c.get("path").asText(), at, column, null, null), "VVVV…VVVV", null, null, null, Map.of());
        Map<String, LedgerEntry> ledger = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("ledger").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            ledger.put(e.getKey(), new LedgerEntry(v.path("ruleId").asText(f.ruleId()), "secret", "critical", "x",
                    null, new FixRecord(v.get("commit").asText(), null, v.get("name").asText(), null, "human", null),
                    List.of(new LedgerChange(v.get("path").asText(), v.get("patch").asText()))));
        }
        Baseline baseline = ledger.isEmpty() ? null : new Baseline("salt", Map.of(), ledger);
        List<ExistingReferences.TextFile> files = new ArrayList<>();
        c.path("files").fields().forEachRemaining(e -> files.add(new ExistingReferences.TextFile(e.getKey(),
                e.getValue().asText())));
        ReferenceCatalogue catalog = ReferenceCatalogue.builtin();
        Advice a = new ReferenceAdvisor(catalog, baseline, () -> ExistingReferences.scan(files, catalog))
                .advise(f, lines);
        JsonNode expect = c.get("expect");
        assertThat(a.source().id()).isEqualTo(expect.get("source").asText());
        if (expect.has("reference")) {
            assertThat(a.reference()).isEqualTo(expect.get("reference").asText());
        }
        if (expect.has("basis")) {
            assertThat(a.basis()).isEqualTo(expect.get("basis").asText());
        }
        assertThat(String.valueOf(a)).doesNotContain(VALUE);
    }
}

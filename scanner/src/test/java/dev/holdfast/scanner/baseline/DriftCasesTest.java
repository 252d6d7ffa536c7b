package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every status transition and every --fail-on value, driven by baseline/drift-cases.yaml. */
class DriftCasesTest {
    private static final String SALT = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @TestFactory
    Stream<DynamicTest> driftCases() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/baseline/drift-cases.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        LocalDate today = LocalDate.parse(root.get("today").asText());
        Clock clock = Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c, clock)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c, Clock clock) {
        Map<String, BaselineEntry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("baseline").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            EntryStatus status = EntryStatus.fromId(v.get("status").asText());
            Acceptance acc = status == EntryStatus.ACCEPTED
                    ? new Acceptance("Risk Owner <owner@example.com>", "vendor test key",
                    v.has("until") ? v.get("until").asText() : null) : null;
            FixRecord fix = v.has("fixCommit") ? fix(v.get("fixCommit").asText()) : null;
            entries.put(fp(e.getKey()), new BaselineEntry("aws-access-key", "secret", "critical", status,
                    "AKIA…" + e.getKey(), List.of(new StoredLocation("cfg/" + e.getKey() + ".yml", 3)),
                    null, acc, fix));
        }
        Map<String, LedgerEntry> ledger = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("ledger").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ledger.put(fp(e.getKey()), new LedgerEntry("aws-access-key", "secret", "critical", "AKIA…", null,
                    fix(e.getValue().get("fixCommit").asText()), List.of(new LedgerChange("cfg/x.yml", "@@"))));
        }
        Baseline baseline = new Baseline(SALT, entries, ledger);
        List<Finding> current = new ArrayList<>();
        for (JsonNode n : c.path("current")) {
            current.add(finding(n.asText()));
        }
        String mode = c.has("mode") ? c.get("mode").asText() : "tree";
        ScanResult scan = new ScanResult(new ScanTarget(".", null, mode), current, Map.of(), List.of(),
                c.path("partial").asBoolean(false));

        java.util.Set<String> absent = new java.util.HashSet<>();
        c.path("absentAtHead").forEach(n -> absent.add(fp(n.asText())));
        ScanResult drifted = c.has("absentAtHead")
                ? new Drift(clock).apply(scan, baseline, fp -> !absent.contains(fp))
                : new Drift(clock).apply(scan, baseline);

        Map<String, String> expected = new TreeMap<>();
        c.path("expect").fields().forEachRemaining(e -> expected.put(fp(e.getKey()), e.getValue().asText()));
        Map<String, String> actual = drifted.findings().stream()
                .collect(Collectors.toMap(Finding::fingerprint, f -> f.status().id(), (a, b) -> a, TreeMap::new));
        assertThat(actual).isEqualTo(expected);
        Map<String, Finding> byFp = drifted.findings().stream()
                .collect(Collectors.toMap(Finding::fingerprint, f -> f, (a, b) -> a));
        c.path("fixedBy").fields().forEachRemaining(e ->
                assertThat(byFp.get(fp(e.getKey())).fixedBy().commit()).isEqualTo(e.getValue().asText()));
        c.path("properties").fields().forEachRemaining(e -> e.getValue().fields().forEachRemaining(p ->
                assertThat(byFp.get(fp(e.getKey())).properties()).containsEntry(p.getKey(), p.getValue().asText())));
        c.path("absentProperties").fields().forEachRemaining(e -> e.getValue().forEach(p ->
                assertThat(byFp.get(fp(e.getKey())).properties()).doesNotContainKey(p.asText())));
        // Regressions keep who brought the finding back.
        drifted.findings().stream().filter(f -> f.status() == Status.REGRESSED)
                .forEach(f -> assertThat(f.introducedBy().commit()).isEqualTo("agentcommit"));
        c.path("fails").fields().forEachRemaining(e ->
                assertThat(FailPolicy.fails(drifted, e.getKey())).as("--fail-on " + e.getKey())
                        .isEqualTo(e.getValue().asBoolean()));
    }

    @Test
    void unknownFailOnIsAOneLineUsageError() {
        ScanResult empty = new ScanResult(new ScanTarget(".", null, "tree"), List.of(), Map.of(), List.of(), false);
        assertThatThrownBy(() -> FailPolicy.fails(empty, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fail-on must be one of none, new, regressed, any (got 'sometimes')");
    }

    private static String fp(String name) {
        return "aws-access-key:" + name.repeat(32).substring(0, 32).toLowerCase();
    }

    private static FixRecord fix(String commit) {
        return new FixRecord(commit, "0".repeat(40), "Bob Chen", "bob@example.com", "human", "2026-03-05T16:40:00Z");
    }

    private static Finding finding(String name) {
        Attribution agent = new Attribution("agentcommit", "Claude", "noreply@anthropic.com", IdentityKind.AGENT,
                Instant.parse("2026-04-16T14:03:00Z"), null);
        return new Finding(fp(name), "aws-access-key", Category.SECRET, Severity.CRITICAL, Status.NEW,
                "AWS access key id", Location.file("cfg/" + name + ".yml", 3, 5), "AKIA…" + name, agent, null,
                null, Map.of());
    }
}

package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Severity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every analyser case kept as data under {@code cases/<case>/policy.json + expected.yml} through the detector,
 * as the scan would: the policy's path is its identity.
 */
class PolicyCaseTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final IamPolicyDetector detector = new IamPolicyDetector();

    @TestFactory
    Stream<DynamicTest> cases() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("cases").toURI());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(6);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private void check(Path dir) throws IOException, PolicyParseException {
        String path = "policies/" + dir.getFileName() + ".json";
        byte[] content = Files.readAllBytes(dir.resolve("policy.json"));
        JsonNode exp = YAML.readTree(dir.resolve("expected.yml").toFile());
        List<Detection> all = detector.detect(new Document(path, content));
        List<Detection> issues = all.stream().filter(d -> !d.ruleId().equals(IamRules.GRANT)).toList();
        List<Detection> grants = all.stream().filter(d -> d.ruleId().equals(IamRules.GRANT)).toList();
        PolicyAnalysis analysis = PolicyAnalyzer.standard().analyze(path,
                PolicyDocument.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8)));

        for (JsonNode id : exp.path("escalationsInclude")) {
            assertThat(analysis.escalations()).as("escalations").contains(id.asText());
        }
        for (JsonNode id : exp.path("escalationsExclude")) {
            assertThat(analysis.escalations()).as("escalations").doesNotContain(id.asText());
        }
        if (exp.path("noIssues").asBoolean(false)) {
            assertThat(issues).as("non-grant detections").isEmpty();
        }
        if (exp.has("noIssuesExcept")) {
            List<String> allowed = new ArrayList<>();
            exp.get("noIssuesExcept").forEach(n -> allowed.add(n.asText()));
            assertThat(issues).as("only " + allowed).allSatisfy(d -> assertThat(allowed).contains(d.ruleId()));
        }
        for (JsonNode rule : exp.path("trackedIssues")) {
            // State to track rather than show: the scan hides these unless they changed against a baseline.
            assertThat(issues.stream().filter(d -> d.ruleId().equals(rule.asText())).toList()).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.properties()).containsKey("tracked"));
        }
        if (exp.has("maxSeverity")) {
            Severity max = Severity.fromId(exp.get("maxSeverity").asText());
            assertThat(all).allSatisfy(d -> assertThat(max.atLeast(d.severity())).as(d.message()).isTrue());
        }
        for (JsonNode want : exp.path("issues")) {
            List<Detection> hits = issues.stream().filter(d -> matches(d, want, path)).toList();
            assertThat(hits).as("issue " + want + " among " + describe(issues)).isNotEmpty();
            if (want.has("count")) {
                assertThat(hits).as("issue " + want + " among " + describe(issues)).hasSize(want.get("count").asInt());
            }
        }
        exp.path("issueCounts").fields().forEachRemaining(c -> assertThat(issues.stream()
                .filter(d -> d.ruleId().equals(c.getKey())).toList()).as(c.getKey() + " among " + describe(issues))
                .hasSize(c.getValue().asInt()));
        for (JsonNode not : exp.path("absentIssues")) {
            assertThat(issues.stream().filter(d -> matches(d, not, path)).toList()).as("absent " + not).isEmpty();
        }
        for (JsonNode want : exp.path("grants")) {
            String subject = path + "|" + want.get("key").asText();
            List<Detection> hits = grants.stream().filter(d -> d.subject().equals(subject)).toList();
            assertThat(hits).as("grant " + subject + " among " + describe(grants)).hasSize(1);
            Detection g = hits.get(0);
            assertThat(g.properties()).containsEntry("tracked", "grant");
            if (want.has("accessLevel")) {
                assertThat(g.properties()).containsEntry("accessLevel", want.get("accessLevel").asText());
            }
            if (want.has("severity")) {
                assertThat(g.severity().id()).isEqualTo(want.get("severity").asText());
            }
            if (want.has("completesEscalation")) {
                assertThat(g.properties().get("completesEscalation")).contains(want.get("completesEscalation").asText());
            }
            if (want.has("line")) {
                assertThat(g.line()).isEqualTo(want.get("line").asInt());
            }
            if (want.has("messageContains")) {
                assertThat(g.message()).contains(want.get("messageContains").asText());
            }
            if (want.has("lines")) {
                assertThat(g.properties()).containsEntry("lines", want.get("lines").asText());
            }
        }
        for (JsonNode not : exp.path("absentGrants")) {
            assertThat(grants).noneMatch(d -> d.subject().equals(path + "|" + not.asText()));
        }
        // Subjects are unique per detection: the baseline keys on them.
        assertThat(all.stream().map(Detection::subject).distinct().count()).isEqualTo(all.size());
    }

    private static boolean matches(Detection d, JsonNode want, String path) {
        if (want.has("rule") && !d.ruleId().equals(want.get("rule").asText())) {
            return false;
        }
        if (want.has("key") && !d.subject().equals(path + "|" + want.get("key").asText())) {
            return false;
        }
        if (want.has("severity") && !d.severity().id().equals(want.get("severity").asText())) {
            return false;
        }
        if (want.has("line") && d.line() != want.get("line").asInt()) {
            return false;
        }
        if (want.has("lines") && !want.get("lines").asText().equals(d.properties().get("lines"))) {
            return false;
        }
        return !want.has("messageContains") || d.message().contains(want.get("messageContains").asText());
    }

    private static String describe(List<Detection> ds) {
        List<String> out = new ArrayList<>();
        ds.forEach(d -> out.add(d.ruleId() + " " + d.severity().id() + " @" + d.line() + " " + d.subject() + " :: "
                + d.message()));
        return String.join("\n", out);
    }
}

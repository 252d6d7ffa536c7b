package dev.holdfast.rules.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of agent configuration file as a case folder: {@code input.*} and {@code expected.yml} with the
 * document {@code path}, the effective {@code grants} ("grant@line"), every other finding ("ruleId@line severity"),
 * and either a per-file {@code warning} (findings still made) or an {@code error} (nothing made).
 */
class AgentConfigCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final AgentConfigDetector detector = new AgentConfigDetector();

    static Stream<Path> cases() {
        return DetectorCases.cases("agent");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void agentCase(Path dir) throws IOException {
        Map<String, Object> expected = YAML.readValue(dir.resolve("expected.yml").toFile(), Map.class);
        TestSecrets secrets = new TestSecrets();
        Document doc = DetectorCases.document(dir, secrets);
        Object error = expected.get("error");
        if (error != null) {
            assertThatThrownBy(() -> detector.detect(doc)).isInstanceOf(DetectorException.class)
                    .hasMessageStartingWith(doc.path()).hasMessageContaining(error.toString())
                    .satisfies(e -> assertThat(((DetectorException) e).found()).isEmpty())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            return;
        }
        List<Detection> found;
        Object warning = expected.get("warning");
        if (warning != null) {
            DetectorException e = org.junit.jupiter.api.Assertions.assertThrows(DetectorException.class,
                    () -> detector.detect(doc));
            assertThat(e.getMessage()).startsWith(doc.path()).contains(warning.toString());
            found = e.found();
        } else {
            found = detector.detect(doc);
        }
        List<String> grants = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (Detection d : found) {
            if ("grant".equals(d.properties().get("tracked"))) {
                grants.add(d.properties().get("grant") + "@" + d.line());
            } else {
                findings.add(d.ruleId() + "@" + d.line() + " " + d.severity().id());
            }
            assertThat(d.remediation()).isNotBlank();
            assertThat(d.properties()).containsKeys(FindingProperty.AGENT_TOOL.key(), FindingProperty.AGENT.key());
            for (String secret : secrets.values().values()) {
                assertThat(d.message() + d.redacted() + d.properties()).as("no raw secret").doesNotContain(secret);
            }
        }
        assertThat(grants).as(dir.getFileName() + " grants").containsExactlyInAnyOrderElementsOf(
                (List<String>) expected.getOrDefault("grants", List.of()));
        assertThat(findings).as(dir.getFileName() + " findings").containsExactlyInAnyOrderElementsOf(
                (List<String>) expected.getOrDefault("findings", List.of()));
    }
}

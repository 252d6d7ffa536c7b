package dev.holdfast.rules.workflow;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowDetectorTest {
    private final WorkflowDetector detector = new WorkflowDetector();

    static Stream<Path> cases() {
        return DetectorCases.cases("workflow");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(Path caseDir) {
        DetectorCases.check(detector, caseDir);
    }

    @Test
    void subjectSurvivesLineMoves() {
        Path dir = cases().filter(p -> p.getFileName().toString().equals("aws-static-keys")).findFirst().orElseThrow();
        Document doc = DetectorCases.document(dir, new dev.holdfast.rules.support.TestSecrets());
        String shifted = "\n\n# moved down\n" + doc.text();
        List<String> before = detector.detect(doc).stream().map(Detection::subject).sorted().toList();
        List<String> after = detector.detect(new Document(doc.path(), shifted.getBytes(StandardCharsets.UTF_8)))
                .stream().map(Detection::subject).sorted().toList();
        assertThat(after).isNotEmpty().isEqualTo(before);
    }

    @Test
    void ignoresFilesOutsideWorkflowsFolder() {
        assertThat(detector.detect(new Document("ci/deploy.yml",
                "jobs: {a: {env: {AWS_ACCESS_KEY_ID: x}}}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void brokenYamlIsAPerFileWarning() {
        assertThatThrownBy(() -> detector.detect(new Document(".github/workflows/x.yml",
                "jobs:\n  a: [\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DetectorException.class).hasMessageContaining(".github/workflows/x.yml");
    }

    @Test
    void everyRuleHasMetadata() {
        assertThat(detector.rules()).extracting(r -> r.id()).contains("workflow-aws-static-keys",
                "workflow-pull-request-target-checkout");
    }
}

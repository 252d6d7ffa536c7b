package dev.holdfast.rules.java;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaCredentialDetectorTest {
    private final JavaCredentialDetector detector = new JavaCredentialDetector();

    static Stream<Path> cases() {
        return DetectorCases.cases("java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(Path caseDir) {
        List<Detection> found = DetectorCases.check(detector, caseDir);
        assertThat(found).allSatisfy(d -> assertThat(d.properties()).containsEntry("ast", "true"));
    }

    @Test
    void subjectIsTheLiteralValueAtTheLiteralsPosition() {
        TestSecrets secrets = new TestSecrets();
        Path dir = cases().filter(p -> p.getFileName().toString().equals("aws-literals-and-constants"))
                .findFirst().orElseThrow();
        List<Detection> found = detector.detect(DetectorCases.document(dir, secrets));
        Detection keyId = found.stream().filter(d -> d.line() == 8).findFirst().orElseThrow();
        assertThat(keyId.subject()).isEqualTo(secrets.value("AWS_KEY_ID_1"));
        assertThat(keyId.column()).isEqualTo(42);
        assertThat(keyId.redacted()).isEqualTo(dev.holdfast.rules.detect.Redactor.redact(secrets.value("AWS_KEY_ID_1")))
                .doesNotContain(secrets.value("AWS_KEY_ID_1").substring(4, 16));
        assertThat(keyId.properties()).containsEntry("flow", "constant").containsEntry("usedAtLine", "15");
        assertThat(keyId.severity().id()).isEqualTo("critical");
        assertThat(keyId.remediation()).contains("DefaultCredentialsProvider");
    }

    @Test
    void unparsableSourceIsAPerFileWarningThatDoesNotQuoteTheSource() {
        String src = "class X { String password = \"" + new TestSecrets().value("SECRET_BROKEN") + "\" +; }";
        assertThatThrownBy(() -> detector.detect(new Document("src/X.java", src.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DetectorException.class)
                .hasMessageStartingWith("src/X.java:1")
                .hasMessageNotContaining(new TestSecrets().value("SECRET_BROKEN"));
    }

    @Test
    void filesWithoutCredentialNamesOrApisAreNotParsedAtAll() {
        // Parsing is the expensive part; a broken file with nothing credential-like in it is not this detector's to report.
        assertThat(detector.detect(new Document("src/Y.java", "class Y { int a = ; }".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    @Test
    void otherFilesAreIgnored() {
        assertThat(detector.detect(new Document("README.md", "password = \"x\"".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }
}

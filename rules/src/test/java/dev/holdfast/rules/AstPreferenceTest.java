package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.java.JavaCredentialDetector;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AstPreferenceTest {
    private final TestSecrets secrets = new TestSecrets();

    private static Detection regex(String rule, int line, String subject) {
        return new Detection(rule, Category.SECRET, Severity.HIGH, "regex", line, 5, subject, "***", "fix", Map.of());
    }

    @Test
    void astDetectionReplacesRegexDetectionOfTheSameValueOnTheSameLine() {
        String key = secrets.value("AWS_KEY_ID_9");
        String secret = secrets.value("AWS_SECRET_9");
        String src = "class A {\n  Object c = AwsBasicCredentials.create(\"" + key + "\", \"" + secret + "\");\n}\n";
        List<Detection> all = new ArrayList<>(new JavaCredentialDetector()
                .detect(new Document("A.java", src.getBytes(StandardCharsets.UTF_8))));
        all.add(regex("aws-access-key-id", 2, key));                 // same value, same line: dropped
        all.add(regex("generic-secret", 2, "\"" + secret + "\""));   // regex captured the quotes too: dropped
        all.add(regex("aws-access-key-id", 7, key));                 // another line: kept
        all.add(regex("slack-token", 2, "xoxb-other"));             // another value: kept
        List<Detection> kept = AstPreference.apply(all);
        assertThat(kept).extracting(Detection::ruleId).containsExactlyInAnyOrder(
                "java-hardcoded-aws-credential", "java-hardcoded-aws-credential", "aws-access-key-id", "slack-token");
    }

    @Test
    void withoutAstDetectionsNothingChanges() {
        List<Detection> all = List.of(regex("a", 1, "x"), regex("b", 1, "x"));
        assertThat(AstPreference.apply(all)).isEqualTo(all);
    }
}

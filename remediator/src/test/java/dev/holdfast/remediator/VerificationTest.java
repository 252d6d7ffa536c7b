package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a change must pass: the finding gone, nothing new — where the reviewed fix may vouch only for non-secrets. */
class VerificationTest {
    private final Verifier verifier = new PatternVerifier();
    private final Secrets secrets = new Secrets();

    private List<Detection> scan(String text) {
        return verifier.scan(new Document("policy.json", bytes(text)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsAChangeThatLeavesTheFindingOrAddsOne() {
        String head = "{\"Action\": \"s3:*\"}\n";
        List<Detection> headFound = scan(head);
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound, bytes(head)))
                .startsWith("the change still leaves iam-wildcard-action");
        String withKey = "{\"Action\": \"s3:GetObject\"}\n" + secrets.get("AWS_KEY_1") + "\n";
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound, bytes(withKey)))
                .isEqualTo("the change would add a new aws-access-key finding at line 2");
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound,
                bytes("{\"Action\": \"s3:GetObject\"}\n"))).isNull();
    }

    @Test
    void theReviewedFixVouchesForNonSecretsOnly() {
        String head = "{\"Action\": \"s3:*\"}\n";
        List<Detection> headFound = scan(head);
        String narrowed = "{\"Action\": \"iam:*\"}\n"; // stands in for a grant the reviewed fix had
        List<Detection> reviewed = scan(narrowed);
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound, bytes(narrowed), reviewed))
                .isNull();
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound, bytes(narrowed), List.of()))
                .startsWith("the change would add a new iam-wildcard-action");

        String key = secrets.get("AWS_KEY_1") + "\n";
        assertThat(Verification.check(verifier, "policy.json", headFound, headFound, bytes(key), scan(key)))
                .isEqualTo("the change would add a new aws-access-key finding at line 1");
    }
}

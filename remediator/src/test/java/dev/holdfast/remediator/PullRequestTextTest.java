package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PR text: each part once, rotation advice only for secrets, metadata that later runs can read back. */
class PullRequestTextTest {
    private static final String KEY = new Secrets().get("AWS_KEY_1");

    @Test
    void saysEachThingOnceAndKeepsTheSecretOut() {
        Attribution agent = new Attribution("a57440c908da027c16911801d44e4c0b279bd6cb", "Claude",
                "noreply@anthropic.com", IdentityKind.AGENT, Instant.parse("2026-04-10T10:00:00Z"),
                new Person("Carol", "carol@example.com"));
        FixRef ref = new FixRef("1959a032d669de876e7cf5e3b27764cb3b6597f1", "Bob", "bob@example.com",
                Instant.parse("2026-03-02T10:00:00Z"));
        Finding key = finding("aws-access-key:1", "aws-access-key", Category.SECRET, 4, agent, ref,
                "Deactivate the key.\nThen move to roles.");
        Finding literal = finding("java-hardcoded-credential:2", "java-hardcoded-credential", Category.SECRET, 4,
                agent, ref, "Inject the value.");
        Finding again = finding("aws-access-key:3", "aws-access-key", Category.SECRET, 9, agent, ref,
                "Deactivate the key.\nThen move to roles.");
        Finding workflow = finding("workflow-aws-static-keys:4", "workflow-aws-static-keys",
                Category.LONG_LIVED_CREDENTIAL, 13, agent, ref, "Federate with OIDC.");
        Fix fix = new Fix(List.of(key, literal, again, workflow), List.of(new FileEdit("src/App.java",
                ("k = \"" + KEY + "\";\n").getBytes(StandardCharsets.UTF_8),
                "k = System.getenv(\"AWS_ACCESS_KEY_ID\");\n".getBytes(StandardCharsets.UTF_8))),
                Strategy.REAPPLY, ref, "re-applies fix commit 1959a03", "c0ffee");

        PullRequestText text = PullRequestText.of(fix);

        String body = text.body();
        assertThat(body).doesNotContain(KEY).contains(Redactor.redact(KEY));
        assertThat(body.split("agent Claude &lt;noreply&#64;anthropic.com&gt;", -1)).hasSize(2);
        assertThat(body.split("- \\*\\*aws-access-key\\*\\*: rotate this credential", -1)).hasSize(2);
        assertThat(body).contains("- **aws-access-key**: rotate this credential — it was exposed in commit "
                + "`a57440c908da027c16911801d44e4c0b279bd6cb`. Merging this PR does not remove it from git history."
                + " Deactivate the key.\n  Then move to roles.\n");
        assertThat(body).contains("### To finish the fix\n\n- **workflow-aws-static-keys**: Federate with OIDC.\n")
                .doesNotContain("**workflow-aws-static-keys**: rotate");
        assertThat(body).contains("on behalf of Carol &lt;carol&#64;example.com&gt;",
                "Commit `" + ref.commit() + "` by Bob on 2026-03-02");
        assertThat(PullRequestText.fingerprintsIn(body)).containsExactly("aws-access-key:1", "aws-access-key:3",
                "java-hardcoded-credential:2", "workflow-aws-static-keys:4");
        assertThat(PullRequestText.readMeta(body).orElseThrow().path("fixCommit").asText()).isEqualTo(ref.commit());
        assertThat(text.title()).isEqualTo("Reapply removed fix: aws-access-key (+3) in src/App.java")
                .doesNotContain(KEY);
    }

    private static Finding finding(String fingerprint, String rule, Category category, int line, Attribution by,
                                   FixRef ref, String remediation) {
        return new Finding(fingerprint, rule, category, Severity.HIGH, Status.REGRESSED, rule + " found",
                Location.file("src/App.java", line, 5), Redactor.redact(KEY), by, ref, remediation, null);
    }
}

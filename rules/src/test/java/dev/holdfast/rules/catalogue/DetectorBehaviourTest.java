package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.tokens.TokenChecks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorBehaviourTest {
    /** The base64 of "openssh-key-v1" and its NUL, with which every OpenSSH key body starts. */
    private static final String OPENSSH_MAGIC = "b3BlbnNzaC1rZXktdjEAAAAA";
    private final ExampleExpander gen = new ExampleExpander(42);
    private final Detector detector = RuleCatalogue.builtin().detector(v -> false);

    private List<Detection> scan(String path, String text) {
        return detector.detect(new Document(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reportsSubjectRedactionMessageLineAndColumnOfTheSecret() {
        String token = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        List<Detection> found = scan("ci/build.sh", "#!/bin/sh\nexport GH=" + token + "\n");
        assertThat(found).hasSize(1);
        Detection d = found.get(0);
        assertThat(d.ruleId()).isEqualTo("github-pat-classic");
        assertThat(d.subject()).isEqualTo(token);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.column()).isEqualTo("export GH=".length() + 1);
        assertThat(d.redacted()).startsWith("ghp_").doesNotContain(token.substring(4, 30));
        assertThat(d.message()).isEqualTo("GitHub personal access token (classic)");
        assertThat(d.remediation()).contains("github.com/settings/tokens");
        assertThat(d.toString()).doesNotContain(token);
    }

    @Test
    void allowListedValuesAreNotReported() throws Exception {
        String token = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        Detector allowing = RuleCatalogue.builtin().detector(v -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(v.getBytes(StandardCharsets.UTF_8))).equals(hash);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String other = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        List<Detection> found = allowing.detect(new Document("a.env",
                ("A=" + token + "\nB=" + other).getBytes(StandardCharsets.UTF_8)));
        assertThat(found).extracting(Detection::line).containsExactly(2);
    }

    @Test
    void inlineAllowSuppressesOnlyItsLine() {
        String secret = gen.generate("A-Za-z0-9", 20);
        List<Detection> found = scan("app.properties",
                "db.password=" + secret + " # holdfast:allow\ndb.password=" + secret);
        assertThat(found).extracting(Detection::line).containsExactly(2);
    }

    @Test
    void anAccessKeyIdNextToTheSecretRaisesConfidence() {
        String secret = gen.generate("A-Za-z0-9/+", 40);
        String paired = "[default]\naws_access_key_id = " + TokenChecks.awsAccessKeyId("AKIA", gen.generate("A-Z2-7", 16))
                + "\naws_secret_access_key = " + secret + "\n";
        String alone = "aws_secret_access_key = " + secret + "\n";
        Detection p = scan("credentials", paired).stream().filter(d -> d.ruleId().equals("aws-secret-access-key"))
                .findFirst().orElseThrow();
        Detection a = scan("credentials", alone).get(0);
        assertThat(p.properties()).containsEntry("confidence", "high");
        assertThat(a.properties()).containsEntry("confidence", "medium");
        assertThat(scan("credentials", paired)).extracting(Detection::ruleId)
                .containsExactly("aws-access-key", "aws-secret-access-key");
    }

    @Test
    void privateKeyIsReportedAtItsBeginLineWithTheBodyAsSubject() {
        String l1 = OPENSSH_MAGIC + gen.generate("A-Za-z0-9+/", 40);
        String l2 = gen.generate("A-Za-z0-9+/", 64);
        String pem = "key:\n-----BEGIN OPENSSH PRIVATE" + " KEY-----\n" + l1 + "\n" + l2
                + "\n-----END OPENSSH PRIVATE" + " KEY-----\n";
        List<Detection> found = scan("deploy/id_ed25519", pem);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).ruleId()).isEqualTo("private-key-openssh");
        assertThat(found.get(0).line()).isEqualTo(2);
        assertThat(found.get(0).column()).isEqualTo(1);
        assertThat(found.get(0).subject()).isEqualTo(l1 + l2);
    }

    @Test
    void inAVersionShownInPartSingleLineRulesReadOnlyChangedLinesAndPemRulesReadTheContext() {
        String token = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        String l1 = OPENSSH_MAGIC + gen.generate("A-Za-z0-9+/", 40);
        String l2 = gen.generate("A-Za-z0-9+/", 64);
        // line 0: an unchanged token; lines 1-4: an unchanged BEGIN line whose body changed (lines 2-3)
        String text = "export GH=" + token + "\n-----BEGIN OPENSSH PRIVATE" + " KEY-----\n" + l1 + "\n" + l2
                + "\n-----END OPENSSH PRIVATE" + " KEY-----\n";
        java.util.BitSet changed = new java.util.BitSet();
        changed.set(2, 4);
        List<Detection> found = detector.detect(new Document("deploy/keys", text.getBytes(StandardCharsets.UTF_8),
                changed));
        assertThat(found).extracting(Detection::ruleId).containsExactly("private-key-openssh");
        assertThat(found.get(0).subject()).isEqualTo(l1 + l2);

        changed.set(0);
        assertThat(detector.detect(new Document("deploy/keys", text.getBytes(StandardCharsets.UTF_8), changed)))
                .extracting(Detection::ruleId).containsExactly("github-pat-classic", "private-key-openssh");
        // a lone carriage return numbers lines differently from the caller: every line is read
        String oldMac = "x\r" + text;
        changed.clear();
        changed.set(3, 5);
        assertThat(detector.detect(new Document("deploy/keys", oldMac.getBytes(StandardCharsets.UTF_8), changed)))
                .extracting(Detection::ruleId).containsExactly("github-pat-classic", "private-key-openssh");
    }

    @Test
    void aSpecificRuleWinsOverTheGenericOneOnTheSameValue() {
        String token = "glpat-" + gen.generate("A-Za-z0-9_-", 20);
        assertThat(scan("config.yml", "gitlab_token: \"" + token + "\""))
                .extracting(Detection::ruleId).containsExactly("gitlab-pat");
    }

    @Test
    void hugeMinifiedLinesAreScannedAndStillFindSecrets() {
        String token = "sk_live_" + gen.generate("A-Za-z0-9", 24);
        String line = "var a=\"x\";".repeat(50_000) + "stripe.key=\"" + token + "\";" + "b=1;".repeat(50_000);
        assertThat(scan("app.min.js", line)).extracting(Detection::subject).containsExactly(token);
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            doc.append("export TOKEN_").append(i).append("=").append(TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30))).append('\n');
        }
        List<Detection> expected = scan("many.sh", doc.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Detection>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> scan("many.sh", doc.toString())));
            }
            for (Future<List<Detection>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSize(50);
    }

    @Test
    void aTokenWhoseChecksumFailsIsReportedByNoRuleAtAll() {
        String real = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        String fake = real.substring(0, 34) + (real.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        // a keyword rule would take the quoted value; the GitHub rule recognises it and its checksum vetoes it
        assertThat(scan("config.js", "const secret = \"" + fake + "\";")).isEmpty();
        assertThat(scan("config.js", "const secret = \"" + real + "\";")).extracting(Detection::ruleId)
                .containsExactly("github-pat-classic");
        assertThat(scan("config.js", "const secret = \"" + real + "\";").get(0).properties())
                .containsEntry("checksum", "valid");
    }

    @Test
    void rulesThatSayWhereMatchesStartFindWhatAWholeLineSearchFinds() {
        // a long minified line with the token far from the start and the keyword many times before it
        String token = TokenChecks.githubToken("ghp_", gen.generate("A-Za-z0-9", 30));
        String line = "var a=\"ghp_x\";".repeat(2_000) + "t=\"" + token + "\";" + "ghp_".repeat(500);
        assertThat(scan("bundle.min.js", line)).extracting(Detection::ruleId).containsExactly("github-pat-classic");
    }
}

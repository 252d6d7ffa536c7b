package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.catalogue.ExampleExpander;
import dev.holdfast.rules.tokens.TokenChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A scan that finds something: exit codes by --fail-on, redacted evidence, suppression. */
class ScanFindingsTest {
    private static final String KEY = TokenChecks.awsAccessKeyId("AKIA", new ExampleExpander(42).generate("A-Z2-7", 16));

    @Test
    void aFoundKeyFailsTheRunAndIsOnlyShownRedacted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.properties"), "region=eu-west-1\naws.accessKeyId=" + KEY + "\n");
        CliRunner.Run json = CliRunner.run("scan", dir.toString(), "--format", "json");
        assertThat(json.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(json.out()).doesNotContain(KEY);
        JsonNode f = new ObjectMapper().readTree(json.out()).at("/findings/0");
        assertThat(f.at("/ruleId").asText()).isEqualTo("aws-access-key");
        assertThat(f.at("/status").asText()).isEqualTo("new");
        assertThat(f.at("/location/path").asText()).isEqualTo("app.properties");
        assertThat(f.at("/location/line").asInt()).isEqualTo(2);
        assertThat(f.at("/evidence/redacted").asText()).startsWith("AKIA").contains("…");
        assertThat(f.at("/fingerprint").asText()).startsWith("aws-access-key:");

        CliRunner.Run text = CliRunner.run("scan", dir.toString());
        assertThat(text.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(text.out()).contains("app.properties:2").contains("aws-access-key").doesNotContain(KEY);

        assertThat(CliRunner.run("scan", dir.toString(), "--fail-on", "none").exit()).isEqualTo(ExitCode.OK);
        assertThat(CliRunner.run("scan", dir.toString(), "--fail-on", "regressed").exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFolderBelowTheTopOfARepositoryIsAttributedToo(@TempDir Path dir) throws Exception {
        GitRemote g = new GitRemote(dir);
        String added = g.commit("Alice Martin <alice@example.com>", "Configure", "services/api/app.properties",
                "aws.accessKeyId=" + KEY + "\n");
        g.commit("Bob Chen <bob@example.com>", "Comment", "services/api/app.properties",
                "# the uploader's key\naws.accessKeyId=" + KEY + "\n");
        CliRunner.Run r = CliRunner.run("scan", g.dev.resolve("services").toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/findings/0");
        assertThat(f.at("/location/path").asText()).isEqualTo("api/app.properties");
        assertThat(f.at("/introducedBy/commit").asText()).isEqualTo(added);
        assertThat(f.at("/introducedBy/name").asText()).isEqualTo("Alice Martin");
    }

    @Test
    void inlineAllowAndAllowedValueHashesSuppress(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.env"), "AWS_ACCESS_KEY_ID=" + KEY + "  # holdfast:allow\n");
        assertThat(CliRunner.run("scan", dir.toString()).exit()).isEqualTo(ExitCode.OK);

        Files.writeString(dir.resolve("a.env"), "AWS_ACCESS_KEY_ID=" + KEY + "\n");
        assertThat(CliRunner.run("scan", dir.toString()).exit()).isEqualTo(ExitCode.FINDINGS);
        Files.writeString(dir.resolve(".holdfast.yml"), "allow:\n  values: [\"" + HoldfastConfig.valueHash(KEY) + "\"]\n");
        assertThat(CliRunner.run("scan", dir.toString()).exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void disabledRulesAndIgnoredPathsAreHonoured(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("vendor"));
        Files.writeString(dir.resolve("vendor/keys.txt"), "id: " + KEY + "\n");
        Files.writeString(dir.resolve(".holdfast.yml"), "paths:\n  ignore: [\"vendor/**\"]\n");
        assertThat(CliRunner.run("scan", dir.toString()).exit()).isEqualTo(ExitCode.OK);
        Files.writeString(dir.resolve(".holdfast.yml"), "rules:\n  disable: [aws-access-key]\n");
        assertThat(CliRunner.run("scan", dir.toString()).exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void customRulesFromConfigAreScannedAndTested(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".holdfast"));
        Files.writeString(dir.resolve(".holdfast/rules.yml"), """
                rules:
                  - id: acme-internal-token
                    title: ACME internal token
                    description: Tokens of ACME's internal API.
                    severity: high
                    keywords: [acme_]
                    pattern: '(?<secret>acme_[a-z0-9]{24})'
                    remediation: Revoke it in the ACME console.
                    examples:
                      match: ['token = acme_{{gen:a-z0-9:24}}']
                      noMatch: ['token = acme_short']
                """);
        Files.writeString(dir.resolve(".holdfast.yml"), "rules:\n  files: [.holdfast/rules.yml]\n");
        Files.writeString(dir.resolve("client.py"), "TOKEN = 'acme_" + "k".repeat(12) + "0123456789ab'\n");
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("acme-internal-token");

        CliRunner.Run t = CliRunner.run("rules", "test", dir.resolve(".holdfast/rules.yml").toString());
        assertThat(t.exit()).isEqualTo(ExitCode.OK);
        assertThat(t.out()).contains("0 failed");
    }

    @Test
    void aFailingCustomRuleExampleFailsRulesTest(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("bad-rules.yml");
        Files.writeString(rules, """
                rules:
                  - id: acme-broken
                    title: Broken
                    description: Its example does not match its pattern.
                    severity: low
                    keywords: [acme_]
                    pattern: '(?<secret>acme_[0-9]{24})'
                    remediation: none
                    examples:
                      match: ['token = acme_{{gen:a-z:24}}']
                      noMatch: ['token = nothing']
                """);
        CliRunner.Run t = CliRunner.run("rules", "test", rules.toString());
        assertThat(t.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(t.out()).contains("FAIL acme-broken match #1");
    }

    @Test
    void anInvalidCustomRuleFileIsAConfigError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yml"), "rules:\n  - id: x\n    colour: blue\n");
        Files.writeString(dir.resolve(".holdfast.yml"), "rules:\n  files: [r.yml]\n");
        CliRunner.Run r = CliRunner.run("scan", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("r.yml");
    }
}

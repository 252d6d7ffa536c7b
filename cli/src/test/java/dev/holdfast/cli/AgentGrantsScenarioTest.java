package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's must-shows through the real CLI (built-in rules, blame, baseline, fix ledger): an agent that puts back
 * the shell access a reviewed narrowing removed is a regression attributed to it and its user, and
 * {@code fix --dry-run} restores the narrowing; an MCP config holding a PAT is one secret and one long-lived agent
 * credential, nothing more.
 */
class AgentGrantsScenarioTest {
    private static final String SETTINGS = ".claude/settings.json";

    @TempDir
    Path dir;

    private static Scenario scenario(String name) throws Exception {
        try (InputStream in = AgentGrantsScenarioTest.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            return Scenario.read(in);
        }
    }

    @Test
    void anAgentPuttingBackRemovedShellAccessIsARegressionThatFixNarrowsAgain() throws Exception {
        ScenarioRepository.Built built = new ScenarioRepository(scenario("agent-widens-own-permissions"),
                new SecretGenerator(16)).build(dir, Map.of("baseline", (root, step) -> {
                    CliRunner.Run b = CliRunner.run("baseline", root.toString());
                    assertThat(b.exit()).as(b.err()).isEqualTo(ExitCode.OK);
                }));

        CliRunner.Run scan = CliRunner.run("scan", dir.toString(), "--format", "json", "--no-progress");
        assertThat(scan.exit()).as(scan.err()).isEqualTo(ExitCode.FINDINGS);
        List<JsonNode> onSettings = findingsAt(scan.out(), SETTINGS);

        JsonNode shell = one(onSettings, "agent-grant", "shell:*");
        assertThat(shell.get("status").asText()).isEqualTo("regressed");
        assertThat(shell.get("category").asText()).isEqualTo("privilege");
        assertThat(shell.at("/location/line").asInt()).isEqualTo(4);
        assertThat(shell.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-widens"));
        assertThat(shell.at("/introducedBy/kind").asText()).isEqualTo("agent");
        assertThat(shell.at("/introducedBy/onBehalfOf/email").asText()).isEqualTo("carol@example.com");
        assertThat(shell.at("/fixedBy/commit").asText()).isEqualTo(built.commit("bob-narrows"));
        assertThat(shell.at("/fixedBy/name").asText()).isEqualTo("Bob Chen");
        assertThat(shell.get("message").asText()).contains("Claude Code may run any shell command")
                .contains("an AI agent widened its own permissions (Claude on behalf of Carol Diaz)");
        assertThat(shell.at("/properties/widenedByAgent").asText()).isEqualTo("Claude on behalf of Carol Diaz");
        assertThat(shell.at("/properties/agentTool").asText()).isEqualTo("Claude Code");

        JsonNode risk = one(onSettings, "agent-unrestricted-shell", "shell:*");
        assertThat(risk.get("status").asText()).isEqualTo("regressed");
        assertThat(risk.at("/fixedBy/commit").asText()).isEqualTo(built.commit("bob-narrows"));

        // The other grant the agent gave itself is new privilege creep, by the same commit.
        JsonNode web = one(onSettings, "agent-grant", "web:fetch");
        assertThat(web.get("status").asText()).isEqualTo("new");
        assertThat(web.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-widens"));
        // Grants the baseline already holds are not shown again.
        assertThat(onSettings).noneMatch(f -> f.at("/evidence/redacted").asText().equals("shell:npm test"));

        // A whole-history scan looks for secrets only: it does not call the baseline's grants fixed.
        CliRunner.Run history = CliRunner.run("scan", dir.toString(), "--history", "--format", "json", "--no-progress");
        assertThat(history.exit()).as(history.err()).isEqualTo(ExitCode.OK);
        assertThat(findingsAt(history.out(), SETTINGS)).isEmpty();

        CliRunner.Run fix = CliRunner.run("fix", dir.toString(), "--dry-run");
        assertThat(fix.exit()).as(fix.out() + fix.err()).isEqualTo(ExitCode.OK);
        assertThat(fix.out()).contains("# -      \"Bash(*)\",", "GIT binary patch",
                "re-applies fix commit " + built.commit("bob-narrows").substring(0, 7));
        GitApply.apply(dir, dir.resolveSibling("narrowing.patch"), fix.out());
        String narrowed = Files.readString(dir.resolve(SETTINGS));
        assertThat(narrowed).doesNotContain("Bash(*)").contains("\"Bash(npm test)\"", "\"WebFetch\"");
        new ObjectMapper().readTree(narrowed); // still valid JSON

        // With the narrowing back, nothing on the settings file is a regression any more.
        CliRunner.Run after = CliRunner.run("scan", dir.toString(), "--format", "json", "--no-progress");
        assertThat(findingsAt(after.out(), SETTINGS)).noneMatch(f -> f.get("status").asText().equals("regressed"));
        try (Git git = Git.open(dir.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
        }
    }

    @Test
    void anMcpConfigHoldingAPatIsOneSecretAndOneLongLivedAgentCredential() throws Exception {
        ScenarioRepository.Built built = new ScenarioRepository(scenario("mcp-config-with-pat"),
                new SecretGenerator(161)).build(dir, Map.of());
        String pat = built.secrets().get("PAT");

        CliRunner.Run scan = CliRunner.run("scan", dir.toString(), "--format", "json", "--no-progress");
        assertThat(scan.exit()).as(scan.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(scan.all()).doesNotContain(pat);
        List<JsonNode> found = findingsAt(scan.out(), ".mcp.json");
        assertThat(found).extracting(f -> f.get("category").asText())
                .containsExactlyInAnyOrder("secret", "long-lived-credential");
        JsonNode secret = found.stream().filter(f -> f.get("category").asText().equals("secret")).findFirst()
                .orElseThrow();
        JsonNode credential = found.stream().filter(f -> f.get("category").asText().equals("long-lived-credential"))
                .findFirst().orElseThrow();
        assertThat(secret.get("ruleId").asText()).startsWith("github");
        assertThat(secret.at("/location/line").asInt()).isEqualTo(7);
        assertThat(credential.get("ruleId").asText()).isEqualTo("agent-static-token");
        assertThat(credential.at("/location/line").asInt()).isEqualTo(7);
        assertThat(credential.get("message").asText()).contains("Claude Code", "MCP server 'github'",
                "header Authorization", "OAuth");
        assertThat(credential.get("remediation").asText()).isNotBlank();
        assertThat(credential.at("/introducedBy/commit").asText()).isEqualTo(built.commit("dev-adds-mcp"));

        CliRunner.Run text = CliRunner.run("scan", dir.toString(), "--no-progress");
        assertThat(text.out().lines().filter(l -> l.contains(".mcp.json:7")).count()).as(text.out()).isEqualTo(2);
    }

    private static List<JsonNode> findingsAt(String json, String path) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(json).get("findings").forEach(f -> {
            if (path.equals(f.at("/location/path").asText())) {
                out.add(f);
            }
        });
        return out;
    }

    private static JsonNode one(List<JsonNode> findings, String rule, String redacted) {
        List<JsonNode> hits = findings.stream().filter(f -> f.get("ruleId").asText().equals(rule)
                && f.get("evidence") != null && f.at("/evidence/redacted").asText().equals(redacted)).toList();
        assertThat(hits).as(rule + " " + redacted + " in " + findings).hasSize(1);
        return hits.get(0);
    }
}

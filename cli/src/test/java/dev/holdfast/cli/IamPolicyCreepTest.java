package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privilege-creep story through the real CLI (real detectors, blame, baseline and fix ledger): a policy narrowed
 * by a person, baselined, widened again by an agent. The escalation and PassRole findings are regressions, high,
 * introduced by the agent's commit and fixed by the narrowing; the read-only policy shows nothing.
 */
class IamPolicyCreepTest {
    @TempDir
    Path dir;

    @Test
    void widenedPolicyIsARegressionByTheAgent() throws Exception {
        Scenario s;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/iam-policy-widened-by-agent.yaml")) {
            s = Scenario.read(in);
        }
        ScenarioRepository.Built built = new ScenarioRepository(s, new SecretGenerator(1)).build(dir,
                Map.of("baseline", (root, step) -> assertThat(CliRunner.run("baseline", root.toString()).exit())
                        .isEqualTo(ExitCode.OK)));

        CliRunner.Run run = CliRunner.run("scan", dir.toString(), "--format", "json", "--no-progress");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");

        List<JsonNode> onReader = new ArrayList<>();
        findings.forEach(f -> {
            if (f.at("/location/path").asText().equals("iam/reader.json")) {
                onReader.add(f);
            }
        });
        assertThat(onReader).as("nothing on the read-only, resource-scoped policy").isEmpty();

        for (String rule : List.of("iam-privilege-escalation", "iam-passrole-unconstrained")) {
            JsonNode f = one(findings, rule);
            assertThat(f.at("/status").asText()).as(rule).isEqualTo("regressed");
            assertThat(f.at("/severity").asText()).as(rule).isIn("high", "critical");
            assertThat(f.at("/location/path").asText()).isEqualTo("iam/deploy-policy.json");
            assertThat(f.at("/introducedBy/commit").asText()).as(rule + " introduced by")
                    .isEqualTo(built.commit("agent-widens"));
            assertThat(f.at("/introducedBy/kind").asText()).isEqualTo("agent");
            assertThat(f.at("/fixedBy/commit").asText()).as(rule + " fixed by")
                    .isEqualTo(built.commit("bob-narrows"));
        }
        assertThat(one(findings, "iam-privilege-escalation").at("/message").asText())
                .contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction");
        // The grant that came back says what it is worth.
        JsonNode passRole = null;
        for (JsonNode f : findings) {
            if (f.at("/ruleId").asText().equals("iam-grant") && f.at("/message").asText().contains("iam:PassRole on *")) {
                passRole = f;
            }
        }
        assertThat(passRole).isNotNull();
        assertThat(passRole.at("/status").asText()).isEqualTo("regressed");
        assertThat(passRole.at("/message").asText())
                .contains("access level Permissions management; completes privilege escalation lambda-001");
    }

    private static JsonNode one(JsonNode findings, String rule) {
        List<JsonNode> out = new ArrayList<>();
        findings.forEach(f -> {
            if (f.at("/ruleId").asText().equals(rule)) {
                out.add(f);
            }
        });
        assertThat(out).as(rule).hasSize(1);
        return out.get(0);
    }
}

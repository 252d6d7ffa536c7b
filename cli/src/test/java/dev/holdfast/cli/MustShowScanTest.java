package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
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
 * Issue 4's Must-show through `holdfast baseline` and `holdfast scan PATH --format json` with the built-in rules:
 * the key regressed (agent, the agent's commit, the original fix), the token new, exit 1; after lines are inserted
 * above the key the same fingerprint at the new line; no raw secret in the baseline.
 */
class MustShowScanTest {
    @TempDir
    Path dir;

    @Test
    void keyRegressedByAnAgentTokenNewExitOne() throws Exception {
        Scenario s;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/must-show.yaml")) {
            s = Scenario.read(in);
        }
        ScenarioRepository repo = new ScenarioRepository(s, new SecretGenerator(4L));
        List<Integer> baselineExits = new ArrayList<>();
        ScenarioRepository.Built built = repo.buildUntil(dir, Map.of("baseline",
                (root, step) -> baselineExits.add(CliRunner.run("baseline", root.toString()).exit())),
                "agent-restores-key");
        assertThat(baselineExits).containsExactly(ExitCode.OK);
        String baseline = Files.readString(dir.resolve(".holdfast/baseline.json"));
        built.secrets().values().forEach(v -> assertThat(baseline).doesNotContain(v));

        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode key = only(json, dir, built.secrets().get("AWS_KEY_1"));
        assertThat(key.get("status").asText()).isEqualTo("regressed");
        assertThat(key.at("/introducedBy/kind").asText()).isEqualTo("agent");
        assertThat(key.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-restores-key"));
        assertThat(key.at("/fixedBy/commit").asText()).isEqualTo(built.commit("erin-fixes"));
        assertThat(key.at("/location/line").asInt()).isEqualTo(2);
        JsonNode token = only(json, dir, built.secrets().get("GITHUB_TOKEN_1"));
        assertThat(token.get("status").asText()).isEqualTo("new");
        assertThat(token.at("/location/path").asText()).isEqualTo("ci/deploy.sh");
        assertThat(r.out()).doesNotContain(".holdfast/baseline.json");

        repo.applyStep(dir, s.steps().get(s.steps().size() - 1), Map.of());
        CliRunner.Run moved = CliRunner.run("scan", dir.toString(), "--format", "json");
        assertThat(moved.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode keyMoved = only(new ObjectMapper().readTree(moved.out()), dir, built.secrets().get("AWS_KEY_1"));
        assertThat(keyMoved.get("fingerprint").asText()).isEqualTo(key.get("fingerprint").asText());
        assertThat(keyMoved.at("/location/line").asInt()).isEqualTo(4);
        assertThat(keyMoved.get("status").asText()).isEqualTo("regressed");
        assertThat(keyMoved.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-restores-key"));
    }

    @Test
    void historyAloneMarksTheRegressionWithBothCommits() throws Exception {
        Scenario s;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/must-show.yaml")) {
            s = Scenario.read(in);
        }
        // No baseline step action: the baseline commit is empty, so only history can tell.
        ScenarioRepository.Built built = new ScenarioRepository(s, new SecretGenerator(5L))
                .buildUntil(dir, Map.of("baseline", (root, step) -> { }), "agent-restores-key");
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--history", "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<JsonNode> keys = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            if (f.get("ruleId").asText().equals("aws-access-key")) {
                keys.add(f);
            }
        }
        assertThat(keys).isNotEmpty().allSatisfy(k -> {
            assertThat(k.get("status").asText()).isEqualTo("regressed");
            assertThat(k.at("/fixedBy/commit").asText()).isEqualTo(built.commit("erin-fixes"));
            assertThat(k.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-restores-key"));
            assertThat(k.at("/introducedBy/kind").asText()).isEqualTo("agent");
        });
    }

    @Test
    void historyWithTheBaselineKeepsOldFixedValuesFixedAndTheReturnedKeyRegressed() throws Exception {
        Scenario s;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/must-show.yaml")) {
            s = Scenario.read(in);
        }
        ScenarioRepository.Built built = new ScenarioRepository(s, new SecretGenerator(6L))
                .buildUntil(dir, Map.of(), "erin-fixes");
        // Before the agent: the key exists only in history, and the baseline's ledger knows its fix.
        CliRunner.run("baseline", dir.toString());
        CliRunner.Run before = CliRunner.run("scan", dir.toString(), "--history", "--format", "json");
        assertThat(before.exit()).as(before.err()).isEqualTo(ExitCode.OK);
        JsonNode old = new ObjectMapper().readTree(before.out()).get("findings");
        assertThat(old).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("fixed");
            assertThat(f.at("/fixedBy/commit").asText()).isEqualTo(built.commit("erin-fixes"));
        });
    }

    /** The one finding whose reported line holds {@code value}. */
    private static JsonNode only(JsonNode json, Path dir, String value) throws Exception {
        List<JsonNode> hits = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            String path = f.at("/location/path").asText();
            int line = f.at("/location/line").asInt();
            if (line > 0 && Files.isRegularFile(dir.resolve(path))) {
                List<String> lines = Files.readAllLines(dir.resolve(path));
                if (line <= lines.size() && lines.get(line - 1).contains(value)) {
                    hits.add(f);
                }
            }
        }
        assertThat(hits).as("findings on the line of the value").hasSize(1);
        return hits.get(0);
    }
}

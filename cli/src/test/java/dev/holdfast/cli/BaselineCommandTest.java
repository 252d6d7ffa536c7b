package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `holdfast baseline`: write, refresh, accept, check; every error is one line with exit 2. */
class BaselineCommandTest {
    private static final Clock MAY = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock JULY = Clock.fixed(Instant.parse("2026-07-15T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private ScenarioRepository.Built built;

    /** The demo story up to Bob's fix: nothing open, one fix in the ledger; then the key comes back. */
    @BeforeEach
    void build() throws Exception {
        built = new ScenarioRepository(Scenario.demo(), new SecretGenerator(7)).build(dir, Map.of("baseline",
                (root, step) -> { }));
        try (Git git = Git.open(dir.toFile())) {
            StoredConfig c = git.getRepository().getConfig();
            c.setString("user", null, "name", "Risk Owner");
            c.setString("user", null, "email", "owner@example.com");
            c.save();
        }
    }

    private JsonNode baselineJson() throws Exception {
        return new ObjectMapper().readTree(dir.resolve(".holdfast/baseline.json").toFile());
    }

    @Test
    void writesTheBaselineThenLeavesItByteIdentical() throws Exception {
        CliRunner.Run first = CommandRunner.baseline(MAY, dir.toString());
        assertThat(first.exit()).isEqualTo(ExitCode.OK);
        assertThat(first.out()).isEqualTo("wrote .holdfast/baseline.json: 2 open, 0 accepted, 0 fixed; 0 fixes in the"
                + " ledger\n");
        byte[] bytes = Files.readAllBytes(dir.resolve(".holdfast/baseline.json"));
        CliRunner.Run second = CommandRunner.baseline(MAY, dir.toString());
        assertThat(second.out()).startsWith("unchanged .holdfast/baseline.json");
        assertThat(Files.readAllBytes(dir.resolve(".holdfast/baseline.json"))).isEqualTo(bytes);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        built.secrets().values().forEach(v -> assertThat(text).doesNotContain(v));
    }

    @Test
    void acceptsARiskWithWhoWhyAndUntilThenExpiresIt() throws Exception {
        CommandRunner.baseline(MAY, dir.toString());
        String fp = baselineJson().get("findings").fieldNames().next();

        CliRunner.Run ok = CommandRunner.baseline(MAY, dir.toString(), "--accept", fp, "--reason",
                "test account, no production access", "--until", "2026-06-30");
        assertThat(ok.exit()).isEqualTo(ExitCode.OK);
        assertThat(ok.out()).startsWith("accepted " + fp).contains("Risk Owner <owner@example.com> until 2026-06-30");
        JsonNode entry = baselineJson().get("findings").get(fp);
        assertThat(entry.get("status").asText()).isEqualTo("accepted");
        assertThat(entry.at("/acceptance/by").asText()).isEqualTo("Risk Owner <owner@example.com>");
        assertThat(entry.at("/acceptance/reason").asText()).isEqualTo("test account, no production access");
        assertThat(entry.at("/acceptance/until").asText()).isEqualTo("2026-06-30");

        // Still current in May; the acceptance is stale in July.
        assertThat(CommandRunner.baseline(MAY, dir.toString(), "--check").exit()).isEqualTo(ExitCode.OK);
        CliRunner.Run july = CommandRunner.baseline(JULY, dir.toString(), "--check");
        assertThat(july.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(july.out()).contains("stale: " + fp + "  acceptance by Risk Owner <owner@example.com> expired on "
                + "2026-06-30");

        // A refresh keeps the acceptance.
        CommandRunner.baseline(MAY, dir.toString());
        assertThat(baselineJson().at("/findings/" + fp.replace("/", "~1") + "/acceptance/reason").asText())
                .isEqualTo("test account, no production access");
    }

    @Test
    void refreshingOverARegressionSaysSo() throws Exception {
        // The fixture's baseline step wrote nothing: refreshing now, after the agent, re-opens the fixed key.
        CliRunner.Run r = CommandRunner.baseline(MAY, dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        String fix = built.commit("bob-fixes").substring(0, 10);
        assertThat(r.err()).isEqualTo("holdfast: warning: aws-access-key config/application.yml:2 was fixed in " + fix
                + " by Bob Chen and is back (Claude, agent); the baseline now records it as open\n");
    }

    @Test
    void checkListsEntriesThatMatchNothingNow() throws Exception {
        CommandRunner.baseline(MAY, dir.toString());
        Files.delete(dir.resolve("scripts/release.sh"));
        CliRunner.Run r = CommandRunner.baseline(MAY, dir.toString(), "--check");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).containsPattern("stale: github-token:[0-9a-f]{32}  github-token ghp_…\\S+ \\(was at "
                + "scripts/release.sh:2\\) matches nothing now");
        assertThat(r.out()).contains("1 stale entry");
    }

    @Test
    void usageErrorsAreOneLine() throws Exception {
        CommandRunner.baseline(MAY, dir.toString());
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString(), "--accept", "aws-access-key:00"),
                "holdfast: --accept needs --reason TEXT (why the risk is accepted)");
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString(), "--accept", "aws-access-key:00", "--reason",
                "x"), "holdfast: fingerprint aws-access-key:00 is not in the baseline (run 'holdfast baseline' first,"
                + " then accept)");
        String fp = baselineJson().get("findings").fieldNames().next();
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString(), "--accept", fp, "--reason", "x", "--until",
                "2026-04-30"), "holdfast: --until 2026-04-30 is in the past");
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString(), "--accept", fp, "--reason", "x", "--until",
                "next week"), "holdfast: --until must be a date YYYY-MM-DD (got 'next week')");
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString(), "--check", "--accept", fp),
                "holdfast: --accept and --check exclude each other");
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.resolve("nope").toString()),
                "holdfast: " + dir.resolve("nope") + ": no such directory");
    }

    @Test
    void aCorruptBaselineIsExitTwoAndIsNotOverwritten() throws Exception {
        Path file = dir.resolve(".holdfast/baseline.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schemaVersion\": 1, \"salt\": ");
        for (String[] args : new String[][] {{dir.toString()}, {dir.toString(), "--check"}}) {
            assertOneLineUsage(CommandRunner.baseline(MAY, args),
                    "holdfast: baseline " + file + ": not valid JSON (line 1, column 30)");
        }
        assertThat(file).hasContent("{\"schemaVersion\": 1, \"salt\": ");
        Files.writeString(file, "{\"schemaVersion\": 9, \"salt\": \"x\"}");
        assertOneLineUsage(CommandRunner.baseline(MAY, dir.toString()),
                "holdfast: baseline " + file + ": unsupported schemaVersion 9 (this holdfast reads 1)");
    }

    private static void assertOneLineUsage(CliRunner.Run r, String line) {
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo(line + "\n");
    }
}

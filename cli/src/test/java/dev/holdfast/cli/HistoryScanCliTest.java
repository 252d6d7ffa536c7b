package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `holdfast scan --history` and push ranges end to end, with the real rule catalogue. */
class HistoryScanCliTest {
    @TempDir
    Path tmp;

    private Path testKeys() throws Exception {
        Path clone = tmp.resolve("test_keys");
        Path bundle = Path.of("../fixtures/test_keys.bundle").toAbsolutePath().normalize();
        try (Git ignored = Git.cloneRepository().setURI(bundle.toString()).setDirectory(clone.toFile()).call()) {
            return clone;
        }
    }

    private static List<JsonNode> findings(JsonNode report, String ruleId, String path) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId) && f.get("location").get("path").asText().equals(path)) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void historyNamesTheCommitThatIntroducedEachAwsKey() throws Exception {
        Path repo = testKeys();
        CliRunner.Run r = CliRunner.run("scan", repo.toString(), "--history", "--format", "json", "--no-progress",
                "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("target").get("mode").asText()).isEqualTo("history");

        JsonNode removed = findings(report, "aws-access-key", "keys").get(0);
        assertThat(removed.get("location").get("commit").asText()).startsWith("fbc1430");
        assertThat(removed.get("introducedBy").get("commit").asText()).startsWith("fbc1430");
        assertThat(removed.get("introducedBy").get("kind").asText()).isEqualTo("human");
        assertThat(removed.get("properties").get("presentAtHead").asText()).isEqualTo("false");

        JsonNode current = findings(report, "aws-access-key", "new_key").get(0);
        assertThat(current.get("location").get("commit").asText()).startsWith("0416560");
        assertThat(current.get("properties").get("presentAtHead").asText()).isEqualTo("true");
        // no progress bar and no raw key anywhere in the output
        assertThat(r.err()).doesNotContain("\r");
        assertThat(r.out()).doesNotContainPattern("AKIA[0-9A-Z]{16}");
    }

    /**
     * One walk of the history per run: a whole-history scan shares its walk with the timeline of what it found (a key
     * still at HEAD needs it), and refreshing a baseline mines the ledger from one walk.
     */
    @Test
    void historyAndBaselineWalkTheHistoryOnce() throws Exception {
        Path repo = testKeys();
        long before = dev.holdfast.scanner.git.HistoryWalk.walks();
        CliRunner.Run history = CliRunner.run("scan", repo.toString(), "--history", "--format", "json",
                "--no-progress", "--fail-on", "none");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).containsPattern("\"presentAtHead\"\\s*:\\s*\"true\"");
        assertThat(dev.holdfast.scanner.git.HistoryWalk.walks() - before).isEqualTo(1);

        before = dev.holdfast.scanner.git.HistoryWalk.walks();
        CliRunner.Run baseline = CliRunner.run("baseline", repo.toString());
        assertThat(baseline.exit()).as(baseline.err()).isZero();
        assertThat(dev.holdfast.scanner.git.HistoryWalk.walks() - before).isEqualTo(1);
    }

    @Test
    void aPushRangeScansOnlyItsCommitsAndFailsOnNewFindings() throws Exception {
        Path repo = testKeys();
        // 5dd5c18..0416560 is the push that added new_key
        CliRunner.Run r = CliRunner.run("scan", repo.toString(), "--range", "5dd5c18..0416560", "--format", "json",
                "--no-progress");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("target").get("mode").asText()).isEqualTo("range");
        for (JsonNode f : report.get("findings")) {
            assertThat(f.get("location").get("path").asText()).isEqualTo("new_key");
            assertThat(f.get("location").get("commit").asText()).startsWith("0416560");
        }
        assertThat(findings(report, "aws-access-key", "new_key")).hasSize(1);
    }

    @Test
    void badRangesAndBadIdentityConfigAreUsageErrors() throws Exception {
        Path repo = testKeys();
        CliRunner.Run r = CliRunner.run("scan", repo.toString(), "--range", "nope..main", "--no-progress");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip()).isEqualTo("holdfast: --range: unknown revision 'nope'");

        Files.writeString(repo.resolve(".holdfast.yml"), "identities:\n  agents:\n    - {name: '(oops'}\n");
        CliRunner.Run bad = CliRunner.run("scan", repo.toString(), "--history", "--no-progress");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("identities.agents[0].name: bad regex '(oops'");
        assertThat(bad.err().strip().lines()).hasSize(1);

        // thresholds belong to detectors a history scan does not run, yet a bad one is still an error
        Files.writeString(repo.resolve(".holdfast.yml"), "thresholds:\n  certExpiringDays: soon\n");
        CliRunner.Run threshold = CliRunner.run("scan", repo.toString(), "--history", "--no-progress");
        assertThat(threshold.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(threshold.err()).contains("thresholds: threshold certExpiringDays must be a whole number");
    }
}

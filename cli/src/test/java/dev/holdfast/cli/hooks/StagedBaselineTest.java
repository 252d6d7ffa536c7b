package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A staged scan against a baseline and its fix ledger, with the allow marker and --fail-on, as in `scan`. */
class StagedBaselineTest {
    @TempDir
    Path tmp;

    @Test
    void aFixedKeyStagedAgainIsARegressionAndTheLedgersReferenceIsTheFix() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        String key = s.awsKey();
        s.commitFile(repo, "app.properties", "name=app\naws.accessKeyId=" + key + "\n", "a key");
        String fix = s.commitFile(repo, "app.properties", "name=app\naws.accessKeyId=${CI_AWS_KEY_ID}\n",
                "use the environment");
        CliRunner.Run b = CliRunner.run("baseline", repo.toString());
        assertThat(b.exit()).as(b.all()).isEqualTo(ExitCode.OK);
        commit(s, repo, "baseline");

        s.stage(repo, "app.properties", "name=app\naws.accessKeyId=" + key + "\n");
        CliRunner.Run r = CliRunner.run(Map.of(), "scan", "--staged", repo.toString(), "--format", "json");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.FINDINGS);
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/findings/0");
        assertThat(f.get("status").asText()).isEqualTo("regressed");
        assertThat(f.at("/fixedBy/commit").asText()).isEqualTo(fix);
        assertThat(f.at("/properties/fixReference").asText()).isEqualTo("${CI_AWS_KEY_ID}");
        assertThat(f.at("/properties/fixSource").asText()).isEqualTo("ledger");
        assertThat(r.err()).contains("(regressed: fix " + fix.substring(0, 8) + " removed this value; putting it "
                + "back undoes that fix)").contains("write ${CI_AWS_KEY_ID} instead").doesNotContain(key);

        // --fail-on none reports and lets the commit through; the allow marker keeps the line out
        assertThat(CliRunner.run("scan", "--staged", repo.toString(), "--fail-on", "none").exit()).isZero();
        s.stage(repo, "app.properties", "name=app\naws.accessKeyId=" + key + "  # holdfast:allow (vendor test account)\n");
        CliRunner.Run allowed = CliRunner.run("scan", "--staged", repo.toString());
        assertThat(allowed.exit()).as(allowed.all()).isZero();
        assertThat(allowed.all()).isEmpty();
    }

    @Test
    void aFindingTheBaselineAcceptsDoesNotBlockWhereverItMoves() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        String token = s.githubToken();
        s.commitFile(repo, "ci.env", "GITHUB_TOKEN=" + token + "\n", "a token");
        assertThat(CliRunner.run("baseline", repo.toString()).exit()).isEqualTo(ExitCode.OK);
        commit(s, repo, "baseline");
        // the same value staged in a new file while the old stays: new there, yet the baseline knows the value
        s.stage(repo, "deploy.env", "TOKEN=" + token + "\n");
        CliRunner.Run r = CliRunner.run(Map.of(), "scan", "--staged", repo.toString(), "--format", "json");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/findings/0/status").asText()).isEqualTo("existing");
        assertThat(json.at("/decision/blocked").asBoolean()).isFalse();
        CliRunner.Run any = CliRunner.run("scan", "--staged", repo.toString(), "--fail-on", "any");
        assertThat(any.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(any.err()).contains("deploy.env:1").doesNotContain(token);
    }

    private static void commit(Sandbox s, Path repo, String message) throws Exception {
        s.git(repo, "add", "-A");
        s.git(repo, "commit", "-q", "-m", message);
    }
}

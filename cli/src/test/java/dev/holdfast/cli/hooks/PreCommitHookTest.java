package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real {@code git commit}s through the installed pre-commit hook. */
class PreCommitHookTest {
    @TempDir
    Path tmp;

    @Test
    void aLineThatOnlyMovedIsNotBlockedButANewOneIs() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        String key = s.awsKey();
        s.commitFile(repo, "app.properties", "aws.accessKeyId=" + key + "\na=1\nb=2\n", "a key from before holdfast");
        install(repo);

        s.commitFile(repo, "app.properties", "a=1\nb=2\n\n  aws.accessKeyId = " + key + "\n", "moved and re-indented");

        String token = s.githubToken();
        s.stage(repo, "app.properties", "a=1\nb=2\n\n  aws.accessKeyId = " + key + "\ngithub.token=" + token + "\n");
        Sandbox.Ran blocked = s.gitMayFail(repo, "commit", "-q", "-m", "a new token");
        assertThat(blocked.exit()).isNotZero();
        assertThat(blocked.err()).contains("app.properties:5").doesNotContain("app.properties:4")
                .doesNotContain(token).doesNotContain(key);
    }

    @Test
    void commitDashAIsScannedThroughGitsTemporaryIndex() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        s.commitFile(repo, "app.properties", "a=1\n", "tracked");
        install(repo);
        String key = s.awsKey();
        Files.writeString(repo.resolve("app.properties"), "a=1\naws.accessKeyId=" + key + "\n");
        // nothing staged: git gives the hook a temporary index (GIT_INDEX_FILE) holding the -a content
        Sandbox.Ran blocked = s.gitMayFail(repo, "commit", "-a", "-q", "-m", "commit -a");
        assertThat(blocked.exit()).as(blocked.all()).isNotZero();
        assertThat(blocked.err()).contains("app.properties:2");
        assertThat(s.git(repo, "status", "--porcelain").out()).isEqualTo(" M app.properties\n");
    }

    @Test
    void aHookThatCannotStartBlocksSayingSoUnlessFailOpen() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        Path missing = tmp.resolve("gone/holdfast");
        CliRunner.Run r = CliRunner.run("hooks", "install", repo.toString(), "--pre-commit", "--launcher",
                missing.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        s.stage(repo, "a.txt", "a\n");
        Sandbox.Ran blocked = s.gitMayFail(repo, "commit", "-q", "-m", "a");
        assertThat(blocked.exit()).isNotZero();
        assertThat(blocked.err()).contains(missing + " cannot start: the pre-commit scan did not run; the commit is "
                + "blocked");

        r = CliRunner.run("hooks", "install", repo.toString(), "--pre-commit", "--fail-open", "--launcher",
                missing.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        Sandbox.Ran through = s.git(repo, "commit", "-q", "-m", "a");
        assertThat(through.err()).contains("letting the commit through (--fail-open)");
    }

    @Test
    void aScanThatFailsBlocksWithOneLineUnlessFailOpen() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        Files.writeString(repo.resolve(".holdfast.yml"), "version: 1\nnot-a-key: [\n");
        s.stage(repo, "a.txt", "a\n");
        CliRunner.Run r = CliRunner.run(Map.of(), "scan", "--staged", repo.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("holdfast: the pre-commit scan failed: ").contains(".holdfast.yml")
                .contains("the commit is blocked");
        r = CliRunner.run(Map.of(), "scan", "--staged", "--fail-open", repo.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("letting the commit through (--fail-open)");
    }

    @Test
    void anAgentCommittingThroughThePersonsIdentityIsRecordedAsTheAgentOnTheirBehalf() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        Path audit = tmp.resolve("audit/blocked.jsonl");
        CliRunner.Run r = CliRunner.run("hooks", "install", repo.toString(), "--pre-commit", "--record",
                audit.toString(), "--launcher", Sandbox.launcher());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        String key = s.awsKey();
        s.stage(repo, "deploy.env.example", "AWS_ACCESS_KEY_ID=" + key + "\n");
        // Claude Code sets CLAUDECODE=1 for the commands it runs, git hooks included
        Sandbox.Ran blocked = s.run(repo, Map.of("CLAUDECODE", "1"), null, true, "git", "commit", "-q", "-m", "k");
        assertThat(blocked.exit()).isNotZero();
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.at("/who/name").asText()).isEqualTo("Claude Code");
        assertThat(line.at("/who/kind").asText()).isEqualTo("agent");
        assertThat(line.at("/who/onBehalfOf/email").asText()).isEqualTo("alice@example.com");
        assertThat(line.get("hook").asText()).isEqualTo("pre-commit");
        assertThat(line.get("path").asText()).isEqualTo("deploy.env.example");
        assertThat(line.get("ruleId").asText()).isEqualTo("aws-access-key");
        assertThat(line.get("redacted").asText()).startsWith("AKIA…");
        assertThat(lines.get(0)).doesNotContain(key);
    }

    @Test
    void jsonForToolsCarriesTheDecisionAndTheReferenceToUse() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        s.commitFile(repo, "conf/prod.properties", "aws.accessKeyId=${PROD_AWS_ACCESS_KEY_ID}\n",
                "prod config reads the environment");
        String key = s.awsKey();
        s.stage(repo, "conf/dev.properties", "aws.accessKeyId=" + key + "\n");
        CliRunner.Run r = CliRunner.run(Map.of("GIT_COMMITTER_NAME", "Bob", "GIT_COMMITTER_EMAIL", "bob@example.com"),
                "scan", "--staged", repo.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/target/mode").asText()).isEqualTo("staged");
        assertThat(json.at("/decision/blocked").asBoolean()).isTrue();
        assertThat(json.at("/decision/hook").asText()).isEqualTo("pre-commit");
        assertThat(json.at("/decision/actor/email").asText()).isEqualTo("bob@example.com");
        JsonNode f = json.at("/findings/0");
        assertThat(f.at("/location/path").asText()).isEqualTo("conf/dev.properties");
        assertThat(f.at("/location/line").asInt()).isEqualTo(1);
        assertThat(f.at("/introducedBy/kind").asText()).isEqualTo("human");
        assertThat(f.at("/properties/fixReference").asText()).isEqualTo("${PROD_AWS_ACCESS_KEY_ID}");
        assertThat(f.at("/properties/fixSource").asText()).isEqualTo("repository");
        assertThat(r.all()).doesNotContain(key);
    }

    private static void install(Path repo) {
        CliRunner.Run r = CliRunner.run("hooks", "install", repo.toString(), "--pre-commit", "--launcher",
                Sandbox.launcher());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
    }
}

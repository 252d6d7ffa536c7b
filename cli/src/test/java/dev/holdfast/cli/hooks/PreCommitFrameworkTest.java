package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code .pre-commit-hooks.yaml}, run the way the pre-commit framework runs it: each entry's command
 * line (no file names appended), in a real repository; the pre-push entry gets the refs from the framework's
 * {@code PRE_COMMIT_*} variables, since the framework does not pass git's stdin on.
 */
class PreCommitFrameworkTest {
    @TempDir
    Path tmp;

    @Test
    void everyEntryRunsAndBlocksWhatItShould() throws Exception {
        JsonNode hooks = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", ".pre-commit-hooks.yaml").toFile());
        assertThat(hooks.size()).isEqualTo(2);
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        String base = s.git(repo, "rev-parse", "HEAD").out().strip();
        String key = s.awsKey();
        Files.writeString(repo.resolve("a.properties"), "aws.accessKeyId=" + key + "\n");
        s.git(repo, "add", "a.properties");
        for (JsonNode h : hooks) {
            for (String field : List.of("id", "name", "entry", "language", "stages")) {
                assertThat(h.has(field)).as(h.path("id").asText() + " " + field).isTrue();
            }
            assertThat(h.get("language").asText()).isEqualTo("system");
            assertThat(h.get("pass_filenames").asBoolean()).isFalse();
            List<String> args = new ArrayList<>(List.of(h.get("entry").asText().split(" ")));
            assertThat(args.remove(0)).isEqualTo("holdfast");
            args.add(repo.toString());
            String stage = h.get("stages").get(0).asText();
            if (stage.equals("pre-push")) {
                s.git(repo, "commit", "-q", "-m", "key");
                String head = s.git(repo, "rev-parse", "HEAD").out().strip();
                CliRunner.Run r = CliRunner.run(Map.of("PRE_COMMIT_FROM_REF", base, "PRE_COMMIT_TO_REF", head,
                        "PRE_COMMIT_REMOTE_NAME", "origin", "PRE_COMMIT_REMOTE_BRANCH", "refs/heads/main",
                        "PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main"), args.toArray(String[]::new));
                assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.FINDINGS);
                assertThat(r.err()).contains("push blocked").contains("a.properties:1").doesNotContain(key);
            } else {
                assertThat(stage).isEqualTo("pre-commit");
                CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.FINDINGS);
                assertThat(r.err()).contains("commit blocked").contains("a.properties:1").doesNotContain(key);
            }
        }
    }
}

package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `holdfast demo`: the README's first command tells the whole story and exits 1 like a real scan. */
class DemoCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void showsTheRegressionWhoDidItAndTheFixItUndid() throws Exception {
        Path dir = tmp.resolve("demo");
        CliRunner.Run r = CommandRunner.demo(CLOCK, dir.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Map<String, String> commits = commitsByMessage(dir);
        String fix = commits.get("Read AWS credentials from the environment").substring(0, 10);
        String agent = commits.get("Fix failing upload integration test").substring(0, 10);
        assertThat(r.out()).containsPattern("config/application.yml:2( @[0-9a-f]+)?  CRITICAL  aws-access-key "
                + "REGRESSED").containsPattern("scripts/release.sh:2( @[0-9a-f]+)?  HIGH  github-token\n");
        assertThat(r.out())
                .contains("brought back by Claude <noreply@anthropic.com> (agent on behalf of Carol Diaz) in " + agent)
                .contains("undoes the fix " + fix + " by Bob Chen on 2026-03-05")
                .contains("What happened: Bob Chen fixed aws-access-key in config/application.yml (" + fix
                        + "); Claude (agent, on behalf of Carol Diaz) put it back in " + agent + ".")
                .contains("Exit code 1: like a real 'holdfast scan', the run fails on new and regressed findings");
        // The secrets were generated for this run: none of them is printed.
        String config = Files.readString(dir.resolve("config/application.yml"));
        Matcher key = Pattern.compile("AKIA[0-9A-Z]{16}").matcher(config);
        assertThat(key.find()).isTrue();
        assertThat(r.out()).doesNotContain(key.group());
        String script = Files.readString(dir.resolve("scripts/release.sh"));
        Matcher token = Pattern.compile("ghp_[A-Za-z0-9]{36}").matcher(script);
        assertThat(token.find()).isTrue();
        assertThat(r.out()).doesNotContain(token.group());
        // The baseline was committed before the agent's change.
        assertThat(commits).containsKey("Record the security baseline");
    }

    @Test
    void jsonFormatKeepsStdoutAValidReport() throws Exception {
        Path dir = tmp.resolve("demo");
        CliRunner.Run r = CommandRunner.demo(CLOCK, dir.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(r.out());
        Map<String, String> commits = commitsByMessage(dir);
        JsonNode key = null;
        JsonNode token = null;
        for (JsonNode f : json.get("findings")) {
            if (f.get("ruleId").asText().equals("aws-access-key")) {
                key = f;
            } else if (f.get("ruleId").asText().equals("github-token")) {
                token = f;
            }
        }
        assertThat(key.get("status").asText()).isEqualTo("regressed");
        assertThat(key.at("/introducedBy/kind").asText()).isEqualTo("agent");
        assertThat(key.at("/introducedBy/onBehalfOf/email").asText()).isEqualTo("carol@example.com");
        assertThat(key.at("/fixedBy/name").asText()).isEqualTo("Bob Chen");
        assertThat(key.at("/introducedBy/commit").asText())
                .isEqualTo(commits.get("Fix failing upload integration test"));
        assertThat(key.at("/fixedBy/commit").asText())
                .isEqualTo(commits.get("Read AWS credentials from the environment"));
        assertThat(token.get("status").asText()).isEqualTo("new");
        assertThat(r.err()).contains("Exit code 1");
    }

    @Test
    void refusesANonEmptyDirectory() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        CliRunner.Run r = CommandRunner.demo(CLOCK, tmp.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("holdfast: " + tmp + ": exists and is not an empty directory\n");
        assertThat(tmp.resolve("keep.txt")).hasContent("mine");
    }

    private static Map<String, String> commitsByMessage(Path dir) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Git git = Git.open(dir.toFile())) {
            for (RevCommit c : git.log().call()) {
                out.put(c.getShortMessage(), c.getName());
            }
        }
        return out;
    }
}

package dev.holdfast.cli;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.scanner.scan.ConfiguredDetectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `holdfast demo` through Main with the built-in rule catalogue, exactly as the README runs it. */
class DemoRealRulesTest {
    @Test
    void theDemoFailsLikeARealScanWithTheRegressionSpelledOut(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).containsPattern("config/application.yml:2( @[0-9a-f]+)?  \\w+  aws-access-key REGRESSED")
                .contains("brought back by Claude <noreply@anthropic.com> (agent on behalf of Carol Diaz)")
                .contains("by Bob Chen on 2026-03-05")
                .containsPattern("scripts/release.sh:2( @[0-9a-f]+)?  \\w+  github-\\S+\\n")
                .contains("Exit code 1");
        String config = Files.readString(dir.resolve("config/application.yml"))
                + Files.readString(dir.resolve("scripts/release.sh"));
        Matcher values = Pattern.compile("(?:accessKeyId|secretAccessKey|GITHUB_TOKEN)[:=] ?(\\S+)").matcher(config);
        int n = 0;
        String baseline = Files.readString(dir.resolve(".holdfast/baseline.json"));
        while (values.find()) {
            n++;
            assertThat(r.out()).doesNotContain(values.group(1));
            assertThat(baseline).doesNotContain(values.group(1));
        }
        assertThat(n).isEqualTo(3);

        // The built-in rules see nothing in the committed baseline but its salt, which scans skip with the file.
        byte[] bytes = Files.readAllBytes(dir.resolve(".holdfast/baseline.json"));
        List<Detection> found = ConfiguredDetectors.build(HoldfastConfig.defaults(), Clock.systemUTC())
                .detect(new Document(".holdfast/baseline.json", bytes));
        assertThat(found).allSatisfy(d -> assertThat(d.line()).isEqualTo(3));
        assertThat(Files.readAllLines(dir.resolve(".holdfast/baseline.json")).get(2)).startsWith("  \"salt\": ");
        assertThat(r.out()).doesNotContain(".holdfast/baseline.json:");
    }

    /**
     * The demo's agent also widens its own permissions in the same commit: the scan shows the regressed shell access
     * and who took it back, and `holdfast fix --dry-run` narrows it again next to putting the key reference back.
     */
    @Test
    void theDemoAgentWidensItsOwnPermissionsAndFixNarrowsThemBack(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).containsPattern("\\.claude/settings\\.json:4( @[0-9a-f]+)?  \\w+  agent-grant REGRESSED")
                .containsPattern("\\.claude/settings\\.json:4( @[0-9a-f]+)?  \\w+  agent-unrestricted-shell REGRESSED")
                .containsPattern("What happened: Bob Chen narrowed Claude Code's permissions in \\.claude/settings\\.json "
                        + "\\([0-9a-f]{10}\\); Claude \\(agent, on behalf of Carol Diaz\\) took shell:\\* back in "
                        + "[0-9a-f]{10}, widening its own permissions\\.")
                .contains("Put the fixes back: holdfast fix " + dir + " --dry-run")
                // Grants the baseline holds (the test command) are not shown.
                .doesNotContain("shell:npm test");

        CliRunner.Run fix = CliRunner.run("fix", dir.toString(), "--dry-run");
        assertThat(fix.exit()).as(fix.out() + fix.err()).isEqualTo(ExitCode.OK);
        assertThat(fix.out()).contains("2 change(s)", "# -      \"Bash(*)\",",
                "# +  accessKeyId: ${AWS_ACCESS_KEY_ID}");
        GitApply.apply(dir, tmp.resolve("fix.patch"), fix.out());
        assertThat(Files.readString(dir.resolve(".claude/settings.json"))).doesNotContain("Bash(*)")
                .contains("Bash(npm test)");
    }

    /**
     * The question the product exists to answer, asked in every mode of the demo repository: who brought the fixed
     * key back? The agent, on behalf of Carol, in the agent's commit — not Alice, who first added it before the fix.
     */
    @Test
    void everyModeNamesTheAgentThatBroughtTheKeyBack(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        assertThat(CliRunner.run("demo", dir.toString()).exit()).isEqualTo(ExitCode.FINDINGS);
        String agentCommit = git(dir, "rev-parse", "HEAD");
        String fix = git(dir, "log", "--format=%H", "--grep=Read AWS credentials");
        String first = git(dir, "log", "--format=%H", "--grep=Configure S3");

        String beforeAgent = git(dir, "rev-parse", "HEAD~1");
        Path push = tmp.resolve("push.json");
        Files.writeString(push, "{\"ref\": \"refs/heads/main\", \"before\": \"" + beforeAgent + "\", \"after\": \""
                + agentCommit + "\", \"created\": false, \"deleted\": false, \"forced\": false}");
        for (List<String> mode : List.<List<String>>of(List.of(), List.of("--history"),
                List.of("--range", first + "..HEAD"), List.of("--event", push.toString(), "--event-name", "push"))) {
            java.util.ArrayList<String> args = new java.util.ArrayList<>(List.of("scan", dir.toString(), "--format",
                    "json", "--no-progress"));
            args.addAll(mode);
            CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exit()).as("%s: %s", mode, r.err()).isEqualTo(ExitCode.FINDINGS);
            com.fasterxml.jackson.databind.JsonNode key = null;
            for (com.fasterxml.jackson.databind.JsonNode f : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.out()).get("findings")) {
                if (f.get("ruleId").asText().equals("aws-access-key")) {
                    key = f;
                }
            }
            assertThat(key).as("%s finds the key", mode).isNotNull();
            assertThat(key.get("status").asText()).as("%s", mode).isEqualTo("regressed");
            assertThat(key.at("/introducedBy/commit").asText()).as("%s", mode).isEqualTo(agentCommit);
            assertThat(key.at("/introducedBy/kind").asText()).isEqualTo("agent");
            assertThat(key.at("/introducedBy/onBehalfOf/name").asText()).isEqualTo("Carol Diaz");
            assertThat(key.at("/fixedBy/commit").asText()).isEqualTo(fix);
            assertThat(key.at("/location/path").asText()).isEqualTo("config/application.yml");
            assertThat(key.at("/location/line").asInt()).isEqualTo(2);
        }
        assertThat(first).isNotEqualTo(agentCommit);
    }

    private static String git(Path dir, String... args) throws Exception {
        return GitRemote.git(dir, args).strip();
    }
}

package dev.holdfast.cli;

import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Document;
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
        List<Detection> found = Detectors.build(HoldfastConfig.defaults(), Clock.systemUTC())
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
}

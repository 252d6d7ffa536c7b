package dev.holdfast.cli.hardening;

import dev.holdfast.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corrupt baseline or config that a pull request slipped in: `scan` and `baseline` stop with exit 2 and one line
 * naming the file, never a stack trace and never a scan against a half-read baseline.
 */
class HostileFilesCliTest {
    @TempDir
    Path dir;

    private static void assertUsageOneLine(CliRunner.Run r, String names) {
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("holdfast:").doesNotContain("\n").doesNotContain("\tat ")
                .contains(names);
        AdversarialRepositoryTest.assertNoTerminalControls(r.err());
    }

    @Test
    void corruptBaselinesAreExit2WithOneLine() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("app.properties"), AdversarialRepositoryTest.keyLine(AdversarialRepositoryTest.key(1)));
        assertThat(CliRunner.run("baseline", repo.toString()).exit()).isZero();
        Path good = repo.resolve(".holdfast/baseline.json");
        byte[] valid = Files.readAllBytes(good);
        Random random = new Random(3);
        Path bad = dir.resolve("bad-baseline.json");
        for (int i = 0; i < 25; i++) {
            byte[] b = i == 0 ? "null".getBytes(StandardCharsets.UTF_8)
                    : i == 1 ? "\u001b[31m{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)
                    : i == 2 ? new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}
                    : java.util.Arrays.copyOf(valid, random.nextInt(valid.length - 1)); // cut anywhere
            Files.write(bad, b);
            assertUsageOneLine(CliRunner.run("scan", repo.toString(), "--baseline", bad.toString(), "--no-progress"),
                    "bad-baseline.json");
        }
    }

    @Test
    void corruptConfigsAreExit2WithOneLine() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        String[] configs = {"paths: [", "rules:\n  disable: {a: b}\n", "scan:\n  threads: 100000\n",
            "\u001b[31mversion: 9\n", "rules:\n  files: [\"a\\0b\"]\n", "a: &a [*a, *a]\nb: *c\n", "version: 1\nversion: 1\n",
            "scan:\n  maxFileSize: \"\u001b]8;;x\u0007\"\n"};
        for (String c : configs) {
            Files.writeString(repo.resolve(".holdfast.yml"), c);
            assertUsageOneLine(CliRunner.run("scan", repo.toString(), "--no-progress"), ".holdfast.yml");
            assertUsageOneLine(CliRunner.run("baseline", repo.toString()), ".holdfast.yml");
        }
    }
}

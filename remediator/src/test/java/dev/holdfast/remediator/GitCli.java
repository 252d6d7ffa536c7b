package dev.holdfast.remediator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a patch with the real `git apply` when git is installed (JGit's own apply is checked regardless). */
final class GitCli {
    private GitCli() {
    }

    /** Applies a patch to the working tree with the real `git apply`. */
    static void apply(Path dir, String patch) throws Exception {
        Path file = Files.createTempFile("holdfast", ".patch");
        try {
            Files.writeString(file, patch, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("git", "apply", file.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git apply: %s", out).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @param reverse the patch was already applied to the working tree: check it reverses cleanly instead */
    static void applyCheckIfAvailable(Path dir, String patch, boolean reverse) throws Exception {
        Path file = Files.createTempFile("holdfast", ".patch");
        Files.writeString(file, patch, StandardCharsets.UTF_8);
        ProcessBuilder pb;
        try {
            pb = new ProcessBuilder("git", "apply", "--check", reverse ? "-R" : "--verbose", file.toString())
                    .directory(dir.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git apply --check: %s", out).isZero();
        } catch (java.io.IOException noGit) {
            // git is not installed: JGit's ApplyCommand already applied the patch.
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

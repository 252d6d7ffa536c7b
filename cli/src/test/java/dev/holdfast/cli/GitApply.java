package dev.holdfast.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Applies what {@code holdfast fix --dry-run} printed with the real {@code git apply}, as a user would. */
final class GitApply {
    private GitApply() {
    }

    /** Writes {@code patch} to {@code file}, applies it in {@code repo} and asserts git accepted it. */
    static void apply(Path repo, Path file, String patch) throws IOException, InterruptedException {
        Files.writeString(file, patch);
        Process p = new ProcessBuilder("git", "apply", file.toString()).directory(repo.toFile())
                .redirectErrorStream(true).start();
        String gitOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(gitOut).isZero();
    }
}

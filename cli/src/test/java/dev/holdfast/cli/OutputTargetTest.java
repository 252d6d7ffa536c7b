package dev.holdfast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.rules.catalogue.ExampleExpander;
import dev.holdfast.rules.tokens.TokenChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --output} to something that is not a regular file (a FIFO here; /dev/null, /dev/stdout in practice) is
 * written to, never replaced: reports are otherwise written to a temporary file moved over the target, which as root
 * turned /dev/null into a regular file.
 */
class OutputTargetTest {
    private static final String KEY = TokenChecks.awsAccessKeyId("AKIA", new ExampleExpander(5).generate("A-Z2-7", 16));

    @Test
    void aPipeIsWrittenToNotReplaced(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("app.properties"), "aws.accessKeyId=" + KEY + "\n");
        Path fifo = dir.resolve("report.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "mkfifo is available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        CliRunner.Run run = CliRunner.run("scan", repo.toString(), "--format", "json", "--output", fifo.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
        String report = reader.get(60, TimeUnit.SECONDS);
        assertThat(new ObjectMapper().readTree(report).at("/findings/0/ruleId").asText()).isEqualTo("aws-access-key");
        assertThat(Files.isRegularFile(fifo)).as("still a pipe").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }
}

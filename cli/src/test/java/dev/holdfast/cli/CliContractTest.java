package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The user contract of DESIGN.md: exit codes, one-line errors, the JSON shape. */
class CliContractTest {

    private static void assertUsageError(CliRunner.Run r, String fragment) {
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(fragment);
        assertThat(r.err().strip().lines().count()).as("one line: " + r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingPathIsAUsageError(@TempDir Path dir) {
        assertUsageError(CliRunner.run("scan", dir.resolve("nope").toString()), "no such directory");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertUsageError(CliRunner.run("scan", "--frobnicate"), "--frobnicate");
    }

    @Test
    void malformedConfigIsAUsageErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".holdfast.yml"), "paths:\n  ignroe: [x]\n");
        assertUsageError(CliRunner.run("scan", dir.toString()), ".holdfast.yml: unknown key 'paths.ignroe'");
    }

    @Test
    void badFailOnAndFormatAreUsageErrors(@TempDir Path dir) {
        assertUsageError(CliRunner.run("scan", dir.toString(), "--fail-on", "sometimes"), "--fail-on");
        assertUsageError(CliRunner.run("scan", dir.toString(), "--format", "yaml"), "unknown format 'yaml'");
        assertUsageError(CliRunner.run("scan", dir.toString(), "--report", "json"), "FORMAT=FILE");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(CliRunner.run().exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void cleanTreeGivesTheJsonShapeAndExitZero(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "nothing to see\n");
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/tool/name").asText()).isEqualTo("holdfast");
        assertThat(json.at("/tool/version").asText()).isNotBlank();
        assertThat(json.at("/target/mode").asText()).isEqualTo("tree");
        assertThat(json.at("/findings").isArray()).isTrue();
        assertThat(json.at("/summary/total").asInt()).isZero();
        assertThat(json.at("/summary/bySeverity").isObject()).isTrue();
        assertThat(json.at("/summary/byStatus").isObject()).isTrue();
    }

    @Test
    void reportFilesAreWrittenBesideTheMainOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out/report.json");
        Path txt = dir.resolve("out/report.txt");
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--format", "json", "--output", out.toString(),
                "--report", "text=" + txt);
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(out.toFile()).has("findings")).isTrue();
        assertThat(Files.readString(txt)).contains("no findings");
    }
}

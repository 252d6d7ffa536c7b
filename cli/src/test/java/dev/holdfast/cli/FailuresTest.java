package dev.holdfast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One mapping from exceptions to exit codes and one-line messages, and one --verbose, for every command. */
class FailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"scan", "baseline", "fix"})
    void aBadConfigurationIsAUsageErrorInOneLineWhateverTheCommand(String command, @TempDir Path dir)
            throws Exception {
        Path cfg = dir.resolve("bad.yml");
        Files.writeString(cfg, "rules: [unclosed\n");
        Files.createDirectories(dir.resolve(".holdfast"));
        Files.writeString(dir.resolve(".holdfast/baseline.json"), "{}"); // fix asks for a baseline first
        CliRunner.Run r = CliRunner.run(command, dir.toString(), "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("holdfast: ").contains("bad.yml");
    }

    /**
     * A history scan parses its rules on a second core while it walks the history; a bad rule file is still the one
     * error it reports, before what the history would have said (here: no repository at all).
     */
    @Test
    void aBadRuleFileIsWhatAHistoryScanReportsFirst(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-rules.yml"), "rules:\n  - id: Not An Id\n    pattern: 'x'\n");
        Files.writeString(dir.resolve(".holdfast.yml"), "rules:\n  files: [my-rules.yml]\n");
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--history", "--no-progress");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("holdfast: ").contains("my-rules.yml");
    }

    @Test
    void aRuntimeFailureIsOneLineAndItsStackTraceOnlyWithVerbose(@TempDir Path dir) {
        // a whole-history scan of a folder that is no repository cannot run: exit 3, not "clean"
        CliRunner.Run quiet = CliRunner.run("scan", dir.toString(), "--history", "--no-progress");
        assertThat(quiet.exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(quiet.err().lines().toList()).hasSize(1);
        assertThat(quiet.err()).startsWith("holdfast: ").doesNotContain("\tat ");

        CliRunner.Run verbose = CliRunner.run("scan", dir.toString(), "--history", "--no-progress", "--verbose");
        assertThat(verbose.exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(verbose.err()).contains("\tat ").endsWith(quiet.err());
    }

    @Test
    void aRevisionThatNamesNothingIsTheUsersArgument(@TempDir Path dir) throws Exception {
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile()).call()) {
            Files.writeString(dir.resolve("a.txt"), "a\n");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("a").setAuthor("A", "a@example.com").setCommitter("A", "a@example.com")
                    .setSign(false).call();
        }
        CliRunner.Run r = CliRunner.run("scan", dir.toString(), "--since", "no-such-rev", "--no-progress");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("holdfast: --since").contains("no-such-rev");
    }

    @Test
    void everyCommandThatCanFailTakesTheSharedVerboseOption() {
        CommandLine all = new CommandLine(new Main(), new Main.Factory(Console.system()));
        List<String> without = new ArrayList<>();
        for (var c : Main.COMMANDS.entrySet()) {
            if (c.getKey().equals("rules")) {
                continue; // lists and tests rules: nothing to trace
            }
            all.addSubcommand(c.getKey(), c.getValue());
        }
        List<CommandLine> leaves = new ArrayList<>();
        collectLeaves(all, leaves);
        for (CommandLine leaf : leaves) {
            if (leaf.getCommandSpec().findOption(VerboseOption.NAME) == null
                    && !leaf.getCommandName().matches("install|uninstall")) {
                without.add(leaf.getCommandSpec().qualifiedName());
            }
        }
        assertThat(without).isEmpty();
    }

    private static void collectLeaves(CommandLine c, List<CommandLine> out) {
        if (c.getSubcommands().isEmpty()) {
            out.add(c);
            return;
        }
        c.getSubcommands().values().forEach(s -> collectLeaves(s, out));
    }
}

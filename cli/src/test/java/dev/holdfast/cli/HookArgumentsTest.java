package dev.holdfast.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hooks' command lines read without picocli give exactly what picocli gives; anything else goes to picocli. */
class HookArgumentsTest {
    private final Console console = new Console(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), Map.of(), false, false);

    private static final List<String> SCANS = List.of(
            "scan --staged",
            "scan --staged --no-progress",
            "scan --staged --no-progress --fail-open --record /tmp/audit.jsonl .",
            "scan --pre-push --no-progress --remote origin",
            "scan --pre-push --remote=upstream --format json repo",
            "scan --staged --agent Claude --fail-on any --config cfg.yml --baseline b.json --verbose sub/dir",
            "scan . --staged --format=text");
    private static final List<String> RUNS = List.of(
            "hooks run --agent claude",
            "hooks run --agent cursor --fail-open --record /tmp/r.jsonl",
            "hooks run --fail-on=regressed --agent=gemini --verbose");
    private static final List<String> LEFT_TO_PICOCLI = List.of(
            "scan --staged --help", "scan --staged --output out.json", "scan --staged --report json=x.json",
            "scan --history", "scan .", "scan --staged --remote", "scan --staged a b", "scan --staged --staged",
            "scan --staged -h", "hooks run", "hooks run --agent claude --frobnicate", "hooks install --agent claude");

    @Test
    void scanLinesReadTheSameWithAndWithoutPicocli() {
        for (String line : SCANS) {
            String[] args = line.split(" ");
            ScanCommand fast = (ScanCommand) HookArguments.read(console, Clock.systemUTC(), args);
            assertThat(fast).as(line).isNotNull();
            ScanCommand slow = new ScanCommand(console);
            new CommandLine(slow).parseArgs(Arrays.copyOfRange(args, 1, args.length));
            assertThat(List.of(fast.path, fast.staged, fast.prePush, fast.noProgress, fast.failOpen, fast.verbosity.verbose,
                    String.valueOf(fast.remote), String.valueOf(fast.agent), String.valueOf(fast.record),
                    String.valueOf(fast.config), String.valueOf(fast.baseline), fast.failOn, fast.output.format,
                    String.valueOf(fast.output.output), fast.output.extra, String.valueOf(fast.event),
                    fast.history, String.valueOf(fast.since), String.valueOf(fast.range)))
                    .as(line)
                    .isEqualTo(List.of(slow.path, slow.staged, slow.prePush, slow.noProgress, slow.failOpen,
                            slow.verbosity.verbose, String.valueOf(slow.remote), String.valueOf(slow.agent),
                            String.valueOf(slow.record), String.valueOf(slow.config), String.valueOf(slow.baseline),
                            slow.failOn, slow.output.format, String.valueOf(slow.output.output), slow.output.extra,
                            String.valueOf(slow.event), slow.history, String.valueOf(slow.since),
                            String.valueOf(slow.range)));
        }
    }

    @Test
    void agentHookLinesReadTheSameWithAndWithoutPicocli() {
        for (String line : RUNS) {
            String[] args = line.split(" ");
            HooksCommand.Run fast = (HooksCommand.Run) HookArguments.read(console, Clock.systemUTC(), args);
            assertThat(fast).as(line).isNotNull();
            HooksCommand.Run slow = new HooksCommand.Run(console);
            new CommandLine(slow).parseArgs(Arrays.copyOfRange(args, 2, args.length));
            assertThat(List.of(fast.agent, fast.failOpen, fast.verbosity.verbose, String.valueOf(fast.record), fast.failOn))
                    .as(line)
                    .isEqualTo(List.of(slow.agent, slow.failOpen, slow.verbosity.verbose, String.valueOf(slow.record),
                            slow.failOn));
        }
    }

    @Test
    void everythingElseIsPicoclisAsBefore() {
        for (String line : LEFT_TO_PICOCLI) {
            assertThat(HookArguments.read(console, Clock.systemUTC(), line.split(" "))).as(line).isNull();
        }
        CliRunner.Run help = CliRunner.run("scan", "--staged", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--pre-push").contains("--fail-open");
        CliRunner.Run missing = CliRunner.run("scan", "--staged", "--remote");
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
    }
}

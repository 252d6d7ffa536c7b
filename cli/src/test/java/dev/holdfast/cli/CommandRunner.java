package dev.holdfast.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs one command object in-process, with Main's error handling, and captures what it printed. */
final class CommandRunner {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Console console;

    CommandRunner() {
        console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("USER", "tester"), false, false);
    }

    /** Failures go to this console, which the command prints to (the streams here stay empty). */
    CommandRunner(Console console) {
        this.console = console;
    }

    static CliRunner.Run baseline(Clock clock, String... args) {
        CommandRunner r = new CommandRunner();
        return r.run(new BaselineCommand(r.console, clock, cfg -> new TestDetector()), args);
    }

    static CliRunner.Run demo(Clock clock, String... args) {
        CommandRunner r = new CommandRunner();
        return r.run(new DemoCommand(r.console, clock, cfg -> new TestDetector()), args);
    }

    CliRunner.Run run(Object command, String... args) {
        int code = Main.withFailures(new CommandLine(command), console).execute(args);
        return new CliRunner.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

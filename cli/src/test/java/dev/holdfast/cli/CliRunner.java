package dev.holdfast.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in-process and captures what it printed; shared by every CLI test package. */
public final class CliRunner {
    public record Run(int exit, String out, String err) {
        /** Both streams, for checks that nothing leaked to either. */
        public String all() {
            return out + err;
        }
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    public static Run run(Map<String, String> env, String... args) {
        return runWithInput("", env, args);
    }

    /** As {@link #run(Map, String...)}, with {@code stdin} as the command's standard input (pre-push, agent hooks). */
    public static Run runWithInput(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false, false,
                new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(console, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private CliRunner() {
    }
}

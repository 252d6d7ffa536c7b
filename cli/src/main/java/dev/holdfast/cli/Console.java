package dev.holdfast.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * The process's streams and environment, injected so that tests run commands in-process and never call
 * {@code System.exit}.
 *
 * @param stderrIsTerminal whether progress bars and colour may be used on stderr
 * @param stdoutIsTerminal whether colour may be used on stdout
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutIsTerminal,
                      boolean stderrIsTerminal) {

    public static Console system() {
        boolean tty = System.console() != null;
        return new Console(System.out, System.err, System.getenv(), tty, tty);
    }
}

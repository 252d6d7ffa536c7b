package dev.holdfast.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The process's streams and environment, injected so that tests run commands in-process and never call
 * {@code System.exit}.
 *
 * @param stderrIsTerminal whether progress bars and colour may be used on stderr
 * @param stdoutIsTerminal whether colour may be used on stdout
 * @param in               what git's pre-push hook and agent tools write to us (empty when nothing is given)
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutIsTerminal,
                      boolean stderrIsTerminal, InputStream in) {

    public Console(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutIsTerminal,
                   boolean stderrIsTerminal) {
        this(out, err, env, stdoutIsTerminal, stderrIsTerminal, InputStream.nullInputStream());
    }

    public static Console system() {
        boolean tty = System.console() != null;
        return new Console(System.out, System.err, System.getenv(), tty, tty, System.in);
    }

    /** The same console reading {@code input} as its standard input. */
    public Console withIn(InputStream input) {
        return new Console(out, err, env, stdoutIsTerminal, stderrIsTerminal, input);
    }
}

package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.BaselineException;
import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.event.EventException;
import org.eclipse.jgit.errors.MissingObjectException;
import picocli.CommandLine;

import java.util.List;

/**
 * The one place where an exception becomes an exit code and a line on stderr, for every command: picocli's
 * parameter and execution exception handlers. Library code throws; a command returns its own codes (0, 1, a usage
 * check it makes itself) and lets the rest escape to here. A bad argument, configuration, baseline or event payload
 * is a usage error (2); anything else is a runtime failure (3). One line, without a stack trace unless
 * {@code --verbose} ({@link VerboseOption}).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** What the user got wrong rather than what failed: exit 2. */
    private static final List<Class<? extends Exception>> USAGE = List.of(CommandLine.ParameterException.class,
            ConfigException.class, BaselineException.class, EventException.class);

    /** A command whose failure line names it ("holdfast: fix failed: …"). */
    interface Named {
        String failurePrefix();
    }

    private final Console console;

    Failures(Console console) {
        this.console = console;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        console.err().println("holdfast: " + Main.oneLine(ex.getMessage()));
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (USAGE.stream().anyMatch(c -> c.isInstance(ex))) {
            console.err().println("holdfast: " + Main.oneLine(String.valueOf(ex.getMessage())));
            return ExitCode.USAGE;
        }
        if (verbose(parsed)) {
            ex.printStackTrace(console.err());
        }
        String prefix = cmd.getCommandSpec().userObject() instanceof Named n ? n.failurePrefix() : "";
        console.err().println("holdfast: " + prefix + describe(ex));
        return ExitCode.RUNTIME;
    }

    /** Whether the command that ran was given {@code --verbose}. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption(VerboseOption.NAME);
    }

    /** The one line a failed command prints: what went wrong, and for a repository that lacks objects, what to do. */
    static String describe(Throwable e) {
        if (e instanceof MissingObjectException m) {
            // JGit's own text is "Missing unknown <id>": say what it means.
            return "object " + m.getObjectId().abbreviate(12).name() + " is missing from the repository: the clone "
                    + "is incomplete or damaged; run 'git fsck', fetch again (or clone afresh) and try again";
        }
        String m = e.getMessage();
        return Main.oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}

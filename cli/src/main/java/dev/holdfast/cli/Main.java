package dev.holdfast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. {@link #run} returns the exit code so tests never call {@code System.exit}. */
@Command(name = "holdfast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {ScanCommand.class, BaselineCommand.class, FixCommand.class, CloudCommand.class,
                RulesCommand.class, DemoCommand.class, OrgMatrixCommand.class, HooksCommand.class},
        description = "Keeps security fixes from quietly coming undone.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code;
        try {
            code = run(Console.system(), args);
        } catch (Throwable t) {
            // Anything that escapes (a linkage error, out of memory) is a failed run, never "findings" or "clean".
            System.err.println("holdfast: internal error: " + oneLine(t.getClass().getSimpleName() + ": "
                    + t.getMessage()));
            code = ExitCode.RUNTIME;
        }
        System.exit(code);
    }

    /** Runs one command line against the given console and returns its exit code. */
    public static int run(Console console, String... args) {
        CommandLine cmd = new CommandLine(new Main(), new Factory(console));
        cmd.setOut(new java.io.PrintWriter(console.out(), true));
        cmd.setErr(new java.io.PrintWriter(console.err(), true));
        cmd.setParameterExceptionHandler((ex, a) -> {
            console.err().println("holdfast: " + oneLine(ex.getMessage()));
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            console.err().println("holdfast: " + oneLine(String.valueOf(ex.getMessage())));
            return ex instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.RUNTIME;
        });
        return cmd.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (scan, baseline, fix, cloud, rules, hooks, demo)");
    }

    /** Hands the console to every command that asks for it. */
    static final class Factory implements CommandLine.IFactory {
        private final Console console;

        Factory(Console console) {
            this.console = console;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Console.class).newInstance(console);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** Reads the version from the jar manifest, falling back for IDE runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"holdfast " + version()};
        }
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}

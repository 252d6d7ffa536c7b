package dev.holdfast.cli;

import dev.holdfast.scanner.git.QuickSystemReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point. {@link #run} returns the exit code so tests never call {@code System.exit}. */
@Command(name = "holdfast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Keeps security fixes from quietly coming undone.")
public final class Main implements Runnable {
    /**
     * The commands, by name. Only the one invoked is built: picocli's model of every command is a good part of a
     * hook's start-up (its classes cannot go into the class-data archive), and a hook runs one command.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("scan", ScanCommand.class);
        m.put("baseline", BaselineCommand.class);
        m.put("fix", FixCommand.class);
        m.put("cloud", CloudCommand.class);
        m.put("rules", RulesCommand.class);
        m.put("hooks", HooksCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("org-matrix", OrgMatrixCommand.class);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        QuickSystemReader.install();
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
        Callable<Integer> hook = HookArguments.read(console, Clock.systemUTC(), args);
        if (hook != null) {
            try {
                return hook.call();
            } catch (Exception e) {
                console.err().println("holdfast: " + oneLine(String.valueOf(e.getMessage())));
                return ExitCode.RUNTIME;
            }
        }
        Factory factory = new Factory(console);
        CommandLine cmd = new CommandLine(new Main(), factory);
        Class<?> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        try {
            for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
                if (only == null || c.getValue() == only) {
                    cmd.addSubcommand(c.getKey(), new CommandLine(factory.create(c.getValue()), factory));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + (only == null ? "" : args[0] + " ") + "command", e);
        }
        return withFailures(cmd, console).execute(args);
    }

    /** The command line printing to the console, its failures mapped to exit codes by {@link Failures}. */
    static CommandLine withFailures(CommandLine cmd, Console console) {
        cmd.setOut(new java.io.PrintWriter(console.out(), true));
        cmd.setErr(new java.io.PrintWriter(console.err(), true));
        Failures failures = new Failures(console);
        cmd.setParameterExceptionHandler(failures);
        cmd.setExecutionExceptionHandler(failures);
        return cmd;
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

package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.FailPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The few command lines a hook runs — {@code scan --staged|--pre-push …} and {@code hooks run --agent …} — read
 * without building picocli's model of the command, which is a sixth of a hook's whole run. Only lines made entirely of
 * the options below are read here; anything else (help, another option, a typo) goes to picocli as always, and
 * {@code HookArgumentsTest} holds both readings to the same result.
 */
final class HookArguments {
    private static final Set<String> SCAN_FLAGS = Set.of("--staged", "--pre-push", "--no-progress", "--fail-open",
            "--verbose");
    private static final Set<String> SCAN_VALUES = Set.of("--remote", "--record", "--agent", "--fail-on",
            "--config", "--baseline", "--format");
    private static final Set<String> RUN_FLAGS = Set.of("--fail-open", "--verbose");
    private static final Set<String> RUN_VALUES = Set.of("--agent", "--record", "--fail-on");

    private HookArguments() {
    }

    /** The command to run for a hook's command line, or null to let picocli read it. */
    static Callable<Integer> read(Console console, Clock clock, String... args) {
        if (args.length >= 2 && args[0].equals("scan")) {
            return scan(console, clock, args);
        }
        if (args.length >= 3 && args[0].equals("hooks") && args[1].equals("run")) {
            return run(console, clock, args);
        }
        return null;
    }

    private static ScanCommand scan(Console console, Clock clock, String[] args) {
        Map<String, String> given = options(args, 1, SCAN_FLAGS, SCAN_VALUES, true);
        if (given == null || !(given.containsKey("--staged") || given.containsKey("--pre-push"))) {
            return null;
        }
        ScanCommand c = new ScanCommand(console, clock);
        c.path = Path.of(given.getOrDefault("", "."));
        c.staged = given.containsKey("--staged");
        c.prePush = given.containsKey("--pre-push");
        c.noProgress = given.containsKey("--no-progress");
        c.failOpen = given.containsKey("--fail-open");
        c.verbosity.verbose = given.containsKey("--verbose");
        c.remote = given.get("--remote");
        c.agent = given.get("--agent");
        c.record = path(given.get("--record"));
        c.config = path(given.get("--config"));
        c.baseline = path(given.get("--baseline"));
        c.failOn = given.getOrDefault("--fail-on", FailPolicy.DEFAULT);
        c.output.format = given.getOrDefault("--format", "text");
        return c;
    }

    private static HooksCommand.Run run(Console console, Clock clock, String[] args) {
        Map<String, String> given = options(args, 2, RUN_FLAGS, RUN_VALUES, false);
        if (given == null || !given.containsKey("--agent")) {
            return null;
        }
        HooksCommand.Run r = new HooksCommand.Run(console, clock);
        r.agent = given.get("--agent");
        r.failOpen = given.containsKey("--fail-open");
        r.verbosity.verbose = given.containsKey("--verbose");
        r.record = path(given.get("--record"));
        r.failOn = given.getOrDefault("--fail-on", FailPolicy.DEFAULT);
        return r;
    }

    /**
     * The options from {@code args[from…]} (a flag maps to "", the positional path to key ""), or null when a word is
     * not one of them, repeats, or a value is missing.
     */
    private static Map<String, String> options(String[] args, int from, Set<String> flags, Set<String> values,
                                               boolean path) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = from; i < args.length; i++) {
            String w = args[i];
            int eq = w.indexOf('=');
            String name = w.startsWith("--") && eq > 0 ? w.substring(0, eq) : w;
            String value;
            if (flags.contains(w)) {
                value = "";
            } else if (values.contains(name)) {
                if (eq > 0) {
                    value = w.substring(eq + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[++i];
                } else {
                    return null;
                }
            } else if (path && !w.startsWith("-") && !out.containsKey("")) {
                name = "";
                value = w;
            } else {
                return null;
            }
            if (out.put(name, value) != null) {
                return null;
            }
        }
        return out;
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }
}

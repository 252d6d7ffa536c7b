package dev.holdfast.cli.hooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an installed hook starts holdfast: the {@code ./holdfast} wrapper (it sets {@code HOLDFAST_LAUNCHER} to its own
 * path, and keeps the JVM's start-up flags and class-data archive in one place), else {@code java -jar} on the running
 * jar, else {@code --launcher} as given.
 */
public record Launcher(List<String> words) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public Launcher {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new HookException("the launcher is empty", true);
        }
    }

    /**
     * @param given   {@code --launcher} split on spaces, or null
     * @param jar     the running jar, or null when not run from one
     */
    public static Launcher choose(String given, Map<String, String> env, Path jar) {
        if (given != null && !given.isBlank()) {
            return new Launcher(List.of(given.strip().split("\\s+")));
        }
        String wrapper = env.get("HOLDFAST_LAUNCHER");
        if (wrapper != null && !wrapper.isBlank() && Files.isExecutable(Path.of(wrapper))) {
            return new Launcher(List.of(Path.of(wrapper).toAbsolutePath().normalize().toString()));
        }
        if (jar != null && Files.isRegularFile(jar)) {
            return new Launcher(List.of("java", "-jar", jar.toAbsolutePath().normalize().toString()));
        }
        return new Launcher(List.of("holdfast"));
    }

    /** The launcher and {@code args} as one sh command line, every word quoted where needed. */
    public String command(List<String> args) {
        List<String> all = new ArrayList<>(words);
        all.addAll(args);
        return String.join(" ", all.stream().map(Launcher::quote).toList());
    }

    /** An sh condition true when the launcher can start (its program is found, and a {@code -jar} file exists). */
    public String canStart() {
        StringBuilder b = new StringBuilder("command -v ").append(quote(words.get(0))).append(" >/dev/null 2>&1");
        int jar = words.indexOf("-jar");
        if (jar >= 0 && jar + 1 < words.size()) {
            b.append(" && [ -f ").append(quote(words.get(jar + 1))).append(" ]");
        }
        return b.toString();
    }

    public String display() {
        return String.join(" ", words);
    }

    static String quote(String w) {
        return PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}

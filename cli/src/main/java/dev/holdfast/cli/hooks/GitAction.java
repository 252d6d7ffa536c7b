package dev.holdfast.cli.hooks;

import dev.holdfast.scanner.change.Staging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an agent's command line will do that a hook must check before it runs: each {@code git commit} with the content
 * it will take (the index, plus what {@code -a}, {@code git add …} earlier in the same line, or paths name), and each
 * {@code git push} with its arguments. Other git commands only matter through the adds they make.
 */
public sealed interface GitAction {
    Path dir();

    /** A commit; {@code alsoPaths} are absolute paths whose work-tree version it takes as well. */
    record Commit(Path dir, Staging staging, List<Path> alsoPaths) implements GitAction {
    }

    /** A push with its arguments (remote, refspecs, options). */
    record Push(Path dir, List<String> args) implements GitAction {
    }

    /** Options of {@code git commit} that take a value in the next word (or after {@code =}). */
    Set<String> COMMIT_VALUED = Set.of("-m", "--message", "-F", "--file", "-C", "--reuse-message", "-c",
            "--reedit-message", "--fixup", "--squash", "--author", "--date", "-t", "--template", "--cleanup",
            "--trailer", "--pathspec-from-file");

    static List<GitAction> plan(List<GitInvocation> invocations) {
        List<GitAction> out = new ArrayList<>();
        Map<Path, Added> added = new HashMap<>();
        for (GitInvocation g : invocations) {
            switch (g.verb()) {
                case "add", "stage" -> added.computeIfAbsent(g.dir(), d -> new Added()).read(g);
                case "commit" -> {
                    Commit c = commit(g, added.getOrDefault(g.dir(), new Added()));
                    if (c != null) {
                        out.add(c);
                    }
                }
                case "push" -> {
                    if (!g.args().contains("--dry-run") && !g.args().contains("-n")) {
                        out.add(new Push(g.dir(), g.args()));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static Commit commit(GitInvocation g, Added before) {
        Staging staging = before.staging;
        List<Path> paths = new ArrayList<>(before.paths);
        boolean options = true;
        List<String> a = g.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (options && w.equals("--")) {
                options = false;
            } else if (options && w.startsWith("--")) {
                String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                if (name.equals("--dry-run")) {
                    return null;
                } else if (name.equals("--all") || name.equals("--patch") || name.equals("--interactive")) {
                    staging = max(staging, Staging.TRACKED);
                } else if (COMMIT_VALUED.contains(name) && !w.contains("=")) {
                    i++;
                }
            } else if (options && w.startsWith("-") && w.length() > 1) {
                for (int k = 1; k < w.length(); k++) {
                    char c = w.charAt(k);
                    if (c == 'a' || c == 'p') {
                        staging = max(staging, Staging.TRACKED);
                    } else if ("mFCct".indexOf(c) >= 0) {
                        if (k == w.length() - 1) {
                            i++;
                        }
                        break;
                    } else if (c == 'S' || c == 'u') {
                        break; // optional value, attached only
                    }
                }
            } else {
                paths.add(g.dir().resolve(w).normalize()); // git commit PATH… commits those paths as in the work tree
            }
        }
        return new Commit(g.dir(), staging, paths);
    }

    private static Staging max(Staging a, Staging b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** What {@code git add} earlier in the line staged (it has not run yet when the hook is asked). */
    final class Added {
        Staging staging = Staging.INDEX;
        final List<Path> paths = new ArrayList<>();

        void read(GitInvocation g) {
            boolean options = true;
            for (String w : g.args()) {
                if (options && w.equals("--")) {
                    options = false;
                } else if (options && (w.equals("-A") || w.equals("--all") || w.equals("--no-ignore-removal"))) {
                    staging = Staging.ALL;
                } else if (options && (w.equals("-u") || w.equals("--update") || w.equals("-p")
                        || w.equals("--patch") || w.equals("-i") || w.equals("--interactive"))) {
                    staging = max(staging, Staging.TRACKED);
                } else if (options && w.startsWith("-")) {
                    continue;
                } else {
                    paths.add(g.dir().resolve(w.equals(":/") ? "." : w).normalize());
                }
            }
        }
    }
}

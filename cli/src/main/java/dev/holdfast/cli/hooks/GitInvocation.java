package dev.holdfast.cli.hooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One git command in a shell command line, where it runs and with which arguments: {@code cd DIR}, {@code git -C DIR},
 * {@code --work-tree}, environment assignments, {@code sudo}/{@code env}/{@code exec} prefixes and {@code sh -c '…'}
 * are followed.
 *
 * @param dir  the directory git runs in
 * @param verb the git subcommand (commit, push, add…)
 * @param args its arguments
 */
public record GitInvocation(Path dir, String verb, List<String> args) {
    private static final Set<String> PREFIXES = Set.of("sudo", "env", "command", "exec", "time", "nohup", "builtin",
            "nice");
    /** Options of the prefixes that take the next word as their value. */
    private static final java.util.Map<String, Set<String>> PREFIX_VALUED = java.util.Map.of(
            "sudo", Set.of("-u", "-g", "-C", "-D", "-p", "-r", "-t", "-U", "-h"),
            "env", Set.of("-u", "-C", "-S"),
            "nice", Set.of("-n"));
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh");
    private static final int MAX_DEPTH = 4;

    public GitInvocation {
        args = List.copyOf(args);
    }

    /** Every git command in the line, in order. */
    public static List<GitInvocation> in(String commandLine, Path cwd) {
        List<GitInvocation> out = new ArrayList<>();
        read(commandLine, cwd, out, 0);
        return out;
    }

    private static Path read(String line, Path cwd, List<GitInvocation> out, int depth) {
        Path dir = cwd;
        for (List<String> words : ShellWords.commands(line)) {
            int i = 0;
            String prefix = null;
            while (i < words.size()) {
                String w = words.get(i);
                if (PREFIXES.contains(w)) {
                    prefix = w;
                } else if (prefix != null && w.startsWith("-")) {
                    if (PREFIX_VALUED.getOrDefault(prefix, Set.of()).contains(w)) {
                        i++; // sudo -u USER, env -u NAME, nice -n 10…
                    }
                } else if (!isAssignment(w)) {
                    break;
                }
                i++;
            }
            if (i >= words.size()) {
                continue;
            }
            String program = words.get(i);
            String name = program.substring(program.lastIndexOf('/') + 1);
            if ((name.equals("cd") || name.equals("pushd")) && i + 1 < words.size()) {
                dir = resolve(dir, words.get(i + 1));
            } else if (SHELLS.contains(name) && depth < MAX_DEPTH) {
                int c = words.subList(i, words.size()).indexOf("-c");
                if (c > 0 && i + c + 1 < words.size()) {
                    read(words.get(i + c + 1), dir, out, depth + 1);
                }
            } else if (name.equals("git")) {
                git(words.subList(i + 1, words.size()), dir, out);
            }
        }
        return dir;
    }

    private static void git(List<String> words, Path dir, List<GitInvocation> out) {
        Path where = dir;
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("-")) {
            String w = words.get(i);
            if (w.equals("-C") && i + 1 < words.size()) {
                where = resolve(where, words.get(++i));
            } else if (w.startsWith("--work-tree=")) {
                where = resolve(where, w.substring("--work-tree=".length()));
            } else if ((w.equals("--work-tree") || w.equals("-c") || w.equals("--git-dir") || w.equals("--namespace")
                    || w.equals("--config-env")) && i + 1 < words.size()) {
                if (w.equals("--work-tree")) {
                    where = resolve(where, words.get(i + 1));
                }
                i++;
            }
            i++;
        }
        if (i < words.size()) {
            out.add(new GitInvocation(where, words.get(i), words.subList(i + 1, words.size())));
        }
    }

    private static boolean isAssignment(String w) {
        int eq = w.indexOf('=');
        return eq > 0 && w.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private static Path resolve(Path dir, String to) {
        if (to.isEmpty() || to.startsWith("~") || to.startsWith("$") || to.equals("-")) {
            return dir;
        }
        return dir.resolve(to).normalize();
    }
}

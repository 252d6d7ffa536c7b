package dev.holdfast.cli.hooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sh text of holdfast's git hooks: a marked block that runs the scan (inserted at the top of an existing shell
 * hook, or making up a new hook on its own), and a whole script for a new hook or one that wraps a hook in another
 * language. The pre-push block keeps git's stdin for the hook it is chained to. The block never hides its own failure:
 * a launcher that cannot start is said on stderr and blocks, unless installed with {@code --fail-open}.
 */
public final class HookScript {
    /** The hooks holdfast installs, and the scan each runs. */
    public enum Hook {
        PRE_COMMIT("pre-commit", "commit"), PRE_PUSH("pre-push", "push");

        public final String file;
        final String verb;

        Hook(String file, String verb) {
            this.file = file;
            this.verb = verb;
        }
    }

    /** Options baked into the hook's command line. */
    public record Options(boolean failOpen, Path record) {
    }

    private HookScript() {
    }

    public static String begin(Hook h) {
        return "# >>> holdfast " + h.file + " >>> (holdfast hooks uninstall removes this block)\n";
    }

    public static String end(Hook h) {
        return "# <<< holdfast " + h.file + " <<<\n";
    }

    /** The marked block, from its first marker line to its last, each line ending in a newline. */
    public static String block(Hook h, Launcher launcher, Options o) {
        List<String> args = new ArrayList<>();
        args.add("scan");
        args.add(h == Hook.PRE_COMMIT ? "--staged" : "--pre-push");
        args.add("--no-progress");
        if (o.failOpen()) {
            args.add("--fail-open");
        }
        if (o.record() != null) {
            args.add("--record");
            args.add(o.record().toString());
        }
        // git passes the remote's name as $1 to pre-push
        String cmd = launcher.command(args) + (h == Hook.PRE_PUSH ? " --remote \"$1\"" : "");
        String missing = "echo \"holdfast: " + launcher.display().replace("\"", "'") + " cannot start: the " + h.file
                + " scan did not run; " + (o.failOpen() ? "letting the " + h.verb + " through (--fail-open)"
                : "the " + h.verb + " is blocked (reinstall with: holdfast hooks install)") + "\" >&2";
        StringBuilder b = new StringBuilder(begin(h));
        if (h == Hook.PRE_COMMIT) {
            b.append("if ").append(launcher.canStart()).append("; then\n");
            b.append("  ").append(cmd).append(" || exit $?\n");
            b.append("else\n  ").append(missing).append('\n');
            if (!o.failOpen()) {
                b.append("  exit 1\n");
            }
            b.append("fi\n");
        } else {
            // git writes the refs on stdin once: keep a copy for the scan and give it back to the rest of the hook
            b.append("holdfast_in=\"$(mktemp)\" || exit 1\n");
            b.append("cat > \"$holdfast_in\"\n");
            b.append("if ").append(launcher.canStart()).append("; then\n");
            b.append("  ").append(cmd).append(" < \"$holdfast_in\"; holdfast_status=$?\n");
            b.append("else\n  ").append(missing).append("; holdfast_status=").append(o.failOpen() ? 0 : 1)
                    .append('\n');
            b.append("fi\n");
            b.append("exec < \"$holdfast_in\"; rm -f \"$holdfast_in\"\n");
            b.append("[ \"$holdfast_status\" -eq 0 ] || exit \"$holdfast_status\"\n");
        }
        return b.append(end(h)).toString();
    }

    /** A hook of holdfast's own; {@code chained} (a path beside it) runs afterwards with the same arguments and stdin. */
    public static String script(Hook h, Launcher launcher, Options o, String chained) {
        StringBuilder b = new StringBuilder("#!/bin/sh\n");
        b.append("# ").append(h.file).append(" hook written by `holdfast hooks install`; `holdfast hooks uninstall` "
                + "restores what was here before.\n");
        b.append(block(h, launcher, o));
        if (chained != null) {
            b.append("exec \"$(dirname \"$0\")/").append(chained).append("\" \"$@\"\n");
        }
        return b.toString();
    }

    /** Whether an existing hook is an sh-family script a block can be put into (its first line says so, or none does). */
    public static boolean isShellScript(byte[] content) {
        for (byte c : content) {
            if (c == 0) {
                return false;
            }
        }
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        if (!text.startsWith("#!")) {
            return true;
        }
        String first = text.lines().findFirst().orElse("").substring(2).strip();
        String[] parts = first.split("\\s+");
        String prog = parts[0].substring(parts[0].lastIndexOf('/') + 1);
        if ("env".equals(prog)) {
            prog = parts.length > 1 && !parts[1].startsWith("-") ? parts[1] : parts.length > 2 ? parts[2] : "";
        }
        return List.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "busybox").contains(prog);
    }
}

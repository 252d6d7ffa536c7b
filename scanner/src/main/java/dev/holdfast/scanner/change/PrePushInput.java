package dev.holdfast.scanner.change;

import dev.holdfast.scanner.push.RefUpdate;
import org.eclipse.jgit.lib.ObjectId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what a push will update ({@link RefUpdate}, as event mode has it): git's pre-push stdin, or the variables the pre-commit framework sets instead
 * ({@code PRE_COMMIT_FROM_REF}, {@code PRE_COMMIT_TO_REF}, {@code PRE_COMMIT_LOCAL_BRANCH},
 * {@code PRE_COMMIT_REMOTE_BRANCH}).
 */
public final class PrePushInput {
    private static final int MAX_LINES = 100_000;
    private static final int MAX_LINE = 4096;

    private PrePushInput() {
    }

    /**
     * @throws IllegalArgumentException a line that is not four fields with valid object names (one line, naming it)
     */
    public static List<RefUpdate> parse(Reader in) throws IOException {
        List<RefUpdate> out = new ArrayList<>();
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (n > MAX_LINES) {
                throw new IllegalArgumentException("pre-push input: more than " + MAX_LINES + " lines");
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                throw new IllegalArgumentException("pre-push input line " + n + ": longer than " + MAX_LINE
                        + " characters");
            }
            String[] f = line.strip().split(" ");
            if (f.length != 4) {
                throw new IllegalArgumentException("pre-push input line " + n + ": expected '<local ref> <local "
                        + "sha> <remote ref> <remote sha>', got " + f.length + " field(s)");
            }
            // git gives <local ref> <local sha> <remote ref> <remote sha>: the remote ref moves from old to new
            out.add(new RefUpdate(f[2], id(f[3], n), id(f[1], n), false));
        }
        return out;
    }

    /** The pre-commit framework's pre-push stage: one update from its environment, or none when it set nothing. */
    public static List<RefUpdate> fromPreCommitFramework(Map<String, String> env) {
        // PRE_COMMIT_ORIGIN / PRE_COMMIT_SOURCE are the names pre-commit used before 2.x
        String to = env.getOrDefault("PRE_COMMIT_TO_REF", env.get("PRE_COMMIT_ORIGIN"));
        String from = env.getOrDefault("PRE_COMMIT_FROM_REF", env.get("PRE_COMMIT_SOURCE"));
        if (to == null || to.isBlank()) {
            return List.of();
        }
        String local = env.getOrDefault("PRE_COMMIT_LOCAL_BRANCH", "HEAD");
        String remote = env.getOrDefault("PRE_COMMIT_REMOTE_BRANCH", local);
        String before = from == null || from.isBlank() ? ObjectId.zeroId().name() : id(from, 1);
        return List.of(new RefUpdate(remote, before, id(to, 1), false));
    }

    private static String id(String hex, int line) {
        if (!ObjectId.isId(hex)) {
            throw new IllegalArgumentException("pre-push input line " + line + ": '" + shorten(hex)
                    + "' is not a full object name");
        }
        return hex.toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 50 ? clean.substring(0, 50) + "…" : clean;
    }
}

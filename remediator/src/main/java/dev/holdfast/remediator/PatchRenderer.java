package dev.holdfast.remediator;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders edits as a git-style unified diff with {@code a/} and {@code b/} prefixes that {@code git apply} accepts.
 * Hunks come from JGit's {@link DiffFormatter}; nothing is written to the object database, so a dry run changes
 * nothing in the repository.
 */
public final class PatchRenderer {
    private PatchRenderer() {
    }

    public static String render(List<FileEdit> edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            DiffAlgorithm algorithm = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);
            formatter.setDiffAlgorithm(algorithm);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setContext(3);
            for (FileEdit e : edits) {
                RawText a = new RawText(e.before());
                RawText b = new RawText(e.after());
                EditList hunks = algorithm.diff(RawTextComparator.DEFAULT, a, b);
                if (hunks.isEmpty()) {
                    continue;
                }
                out.write(("diff --git a/" + e.path() + " b/" + e.path() + "\n"
                        + "--- a/" + e.path() + "\n"
                        + "+++ b/" + e.path() + "\n").getBytes(StandardCharsets.UTF_8));
                formatter.format(hunks, a, b);
                formatter.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory diff output failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

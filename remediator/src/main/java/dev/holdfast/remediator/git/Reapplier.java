package dev.holdfast.remediator.git;

import dev.holdfast.scanner.baseline.FileLineage;
import dev.holdfast.remediator.RemediationException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Re-applies what a fix commit did to one file onto that file's HEAD content: a 3-way merge with the fix's parent
 * as base, HEAD as ours and the fix as theirs, exactly what a cherry-pick of that file would do. A conflict or a
 * merge that changes nothing means the original fix no longer applies as a whole; the result then still carries the
 * file before and after the fix, so that the fix's own lines can be placed where the finding now is.
 */
public final class Reapplier {

    /** What became of the fix for this file. */
    public enum Outcome {
        /** Merged cleanly: {@code content} is the file with the fix re-applied. */
        APPLIED,
        /** The merge conflicts with later changes. */
        CONFLICT,
        /** The merge leaves the file as it is. */
        NO_CHANGE,
        /** The fix commit (or its parent) is not in this clone: a shallow checkout. */
        MISSING_COMMIT,
        /** The fix did not change this file, nor any file it descends from. */
        NOT_CHANGED_BY_FIX,
        /** The fix deleted the file. */
        DELETED_BY_FIX,
        /** The file the fix changed was deleted since; the file at HEAD is another one. */
        DELETED_SINCE
    }

    /**
     * @param content    the merged bytes when {@link Outcome#APPLIED}
     * @param why        one line when the fix does not apply as a whole
     * @param base       the file before the fix, when the fix changed it
     * @param fixVersion the file as the fix left it, when the fix changed it
     * @param fixPath    the file's path in the fix commit's parent
     */
    public record Result(Outcome outcome, byte[] content, String why, byte[] base, byte[] fixVersion,
                         String fixPath) {
        public boolean applied() {
            return outcome == Outcome.APPLIED;
        }

        static Result failed(Outcome outcome, String why) {
            return new Result(outcome, null, why, null, null, null);
        }
    }

    public Result reapply(Repository repo, String fixCommit, String path, byte[] head) {
        return reapply(repo, null, fixCommit, List.of(path), head);
    }

    /**
     * @param headCommit the commit {@code head} was read from (for following renames), or null
     * @param candidates the file's path at HEAD first, then the paths it may have had when the fix was made (the
     *                   ledger's paths, the finding's lineage): a file renamed since the fix still gets it back, but
     *                   only when it descends from the file the fix changed
     */
    public Result reapply(Repository repo, RevCommit headCommit, String fixCommit, List<String> candidates,
                          byte[] head) {
        RevCommit fix;
        try {
            fix = GitFiles.commit(repo, fixCommit);
            if (fix.getParentCount() > 0) {
                GitFiles.commit(repo, fix.getParent(0).name());
            }
        } catch (RemediationException missing) {
            return Result.failed(Outcome.MISSING_COMMIT, "fix commit "
                    + fixCommit.substring(0, Math.min(7, fixCommit.length()))
                    + " is not in this clone (a shallow clone? fetch the full history: git fetch --unshallow)");
        }
        String shortId = fix.abbreviate(7).name();
        String path = candidates.get(0);
        String[] paths = null;
        String deletedSince = null;
        for (String candidate : candidates) {
            String[] inFix = pathsInFix(repo, fix, candidate);
            if (inFix == null) {
                continue;
            }
            if (!candidate.equals(path) && !descends(repo, headCommit, path, candidate)) {
                if (headCommit != null && GitFiles.read(repo, headCommit, candidate) == null) {
                    deletedSince = candidate;
                }
                continue;
            }
            paths = inFix;
            break;
        }
        if (paths == null) {
            return deletedSince != null
                    ? Result.failed(Outcome.DELETED_SINCE, "fix commit " + shortId + " changed " + deletedSince
                    + ", which was deleted since; " + path + " is another file, not a rename of it")
                    : Result.failed(Outcome.NOT_CHANGED_BY_FIX, "fix commit " + shortId + " did not change " + path);
        }
        byte[] base = fix.getParentCount() == 0 ? new byte[0]
                : orEmpty(GitFiles.read(repo, GitFiles.commit(repo, fix.getParent(0).name()), paths[0]));
        byte[] theirs = GitFiles.read(repo, fix, paths[1]);
        if (theirs == null) {
            return Result.failed(Outcome.DELETED_BY_FIX, "fix commit " + shortId + " deleted " + path
                    + "; a deletion is not re-applied");
        }
        MergeAlgorithm merge = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = merge.merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(head), new RawText(theirs));
        if (result.containsConflicts()) {
            return new Result(Outcome.CONFLICT, null, "fix commit " + shortId + " conflicts with later changes to "
                    + path, base, theirs, paths[0]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", "HEAD", shortId), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory merge output failed", e);
        }
        byte[] merged = out.toByteArray();
        if (Arrays.equals(merged, head)) {
            return new Result(Outcome.NO_CHANGE, null, "fix commit " + shortId + " no longer changes " + path, base,
                    theirs, paths[0]);
        }
        return new Result(Outcome.APPLIED, merged, null, base, theirs, paths[0]);
    }

    private static boolean descends(Repository repo, RevCommit head, String path, String ancestor) {
        try {
            return FileLineage.descendsFrom(repo, head, path, ancestor);
        } catch (IOException e) {
            throw new RemediationException("cannot follow " + path + " through renames: " + e.getMessage(), e);
        }
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    /**
     * The file's old and new path in the fix commit: the same path, or the rename that led to it. Null when the fix
     * did not touch it.
     */
    private static String[] pathsInFix(Repository repo, RevCommit fix, String path) {
        if (fix.getParentCount() == 0) {
            return GitFiles.read(repo, fix, path) == null ? null : new String[] {path, path};
        }
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            walk.addTree(repo.parseCommit(fix.getParent(0)).getTree());
            walk.addTree(fix.getTree());
            RenameDetector renames = new RenameDetector(repo);
            renames.addAll(DiffEntry.scan(walk));
            for (DiffEntry e : renames.compute()) {
                if (path.equals(e.getNewPath()) && e.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    String old = e.getChangeType() == DiffEntry.ChangeType.ADD ? path : e.getOldPath();
                    return new String[] {old, e.getNewPath()};
                }
                if (path.equals(e.getOldPath()) && e.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    return new String[] {path, path};
                }
            }
            return null;
        } catch (IOException e) {
            throw new dev.holdfast.remediator.RemediationException("cannot diff fix commit " + fix.abbreviate(7).name()
                    + ": " + e.getMessage(), e);
        }
    }
}

package dev.holdfast.remediator.git;

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
 * merge that changes nothing means the original fix no longer applies.
 */
public final class Reapplier {

    /** @param content the merged bytes, or null with {@code why} saying why the fix does not apply */
    public record Result(byte[] content, String why, byte[] fixVersion) {
        public boolean applied() {
            return content != null;
        }
    }

    public Result reapply(Repository repo, String fixCommit, String path, byte[] head) {
        return reapply(repo, fixCommit, List.of(path), head);
    }

    /**
     * @param candidates the file's path at HEAD first, then the paths it may have had when the fix was made (the
     *                   ledger's paths, the finding's lineage): a file renamed since the fix still gets it back
     */
    public Result reapply(Repository repo, String fixCommit, List<String> candidates, byte[] head) {
        RevCommit fix;
        try {
            fix = GitFiles.commit(repo, fixCommit);
            if (fix.getParentCount() > 0) {
                GitFiles.commit(repo, fix.getParent(0).name());
            }
        } catch (RemediationException missing) {
            return new Result(null, "fix commit " + fixCommit.substring(0, Math.min(7, fixCommit.length()))
                    + " is not in this clone (shallow? fetch with full history)", null);
        }
        String shortId = fix.abbreviate(7).name();
        String path = candidates.get(0);
        String[] paths = null;
        for (String candidate : candidates) {
            paths = pathsInFix(repo, fix, candidate);
            if (paths != null) {
                break;
            }
        }
        if (paths == null) {
            return new Result(null, "fix commit " + shortId + " did not change " + path, null);
        }
        byte[] base = fix.getParentCount() == 0 ? new byte[0]
                : orEmpty(GitFiles.read(repo, GitFiles.commit(repo, fix.getParent(0).name()), paths[0]));
        byte[] theirs = GitFiles.read(repo, fix, paths[1]);
        if (theirs == null) {
            return new Result(null, "fix commit " + shortId + " deleted " + path + "; a deletion is not re-applied", null);
        }
        MergeAlgorithm merge = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = merge.merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(head), new RawText(theirs));
        if (result.containsConflicts()) {
            return new Result(null, "fix commit " + shortId + " conflicts with later changes to " + path, theirs);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", "HEAD", shortId), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory merge output failed", e);
        }
        byte[] merged = out.toByteArray();
        if (Arrays.equals(merged, head)) {
            return new Result(null, "fix commit " + shortId + " no longer changes " + path, theirs);
        }
        return new Result(merged, null, theirs);
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

package dev.holdfast.scanner.baseline;

import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FollowFilter;
import org.eclipse.jgit.revwalk.RenameCallback;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths a file had before, following renames back from a commit as {@code git log --follow} does. Whether a file
 * at HEAD is the one a fix changed (renamed and edited since, perhaps) or an unrelated file that happens to hold the
 * same key is decided here.
 */
public final class FileLineage {
    private FileLineage() {
    }

    /**
     * @return {@code path} first, then each earlier name it had, newest first; just {@code path} when the commit is
     *         unknown
     */
    public static List<String> of(Repository repo, ObjectId from, String path) throws IOException {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(path);
        if (from == null) {
            return List.copyOf(paths);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            FollowFilter follow = FollowFilter.create(path, repo.getConfig().get(DiffConfig.KEY));
            follow.setRenameCallback(new RenameCallback() {
                @Override
                public void renamed(DiffEntry entry) {
                    paths.add(entry.getOldPath());
                }
            });
            walk.setTreeFilter(follow);
            walk.markStart(walk.parseCommit(from));
            while (walk.next() != null) {
                // Walking is what makes the filter report renames.
            }
        }
        return List.copyOf(paths);
    }

    /** Whether the file at {@code path} (as of {@code from}) is, or was once called, {@code ancestor}. */
    public static boolean descendsFrom(Repository repo, ObjectId from, String path, String ancestor)
            throws IOException {
        return path.equals(ancestor) || of(repo, from, path).contains(ancestor);
    }
}

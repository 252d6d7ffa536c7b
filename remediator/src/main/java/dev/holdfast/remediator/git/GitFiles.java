package dev.holdfast.remediator.git;

import dev.holdfast.remediator.RemediationException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;

/** Reads committed file content; never the working tree, so a dirty checkout does not leak into a fix. */
public final class GitFiles {
    private GitFiles() {
    }

    public static RevCommit commit(Repository repo, String rev) {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(rev);
            if (id == null) {
                throw new RemediationException("commit '" + rev + "' is not in the repository " + repo.getDirectory());
            }
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new RemediationException("cannot read commit '" + rev + "': " + e.getMessage(), e);
        }
    }

    /** The file's bytes in that commit, or null when it has no such file. */
    public static byte[] read(Repository repo, RevCommit commit, String path) {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (walk == null || walk.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                return null;
            }
            return repo.open(walk.getObjectId(0)).getBytes();
        } catch (IOException e) {
            throw new RemediationException("cannot read " + path + " in commit " + commit.abbreviate(7).name()
                    + ": " + e.getMessage(), e);
        }
    }
}

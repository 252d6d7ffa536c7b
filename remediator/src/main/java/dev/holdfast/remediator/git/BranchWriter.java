package dev.holdfast.remediator.git;

import dev.holdfast.remediator.FileEdit;
import dev.holdfast.remediator.RemediationException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fix as exactly one commit on top of a base commit and points a branch at it — without a checkout: blobs,
 * tree and commit go straight into the object database through an in-memory {@link DirCache}, and only the branch's
 * own ref is updated. The user's working tree, index and current branch are never touched. When the branch already
 * holds the same tree nothing is written at all; when someone other than Holdfast committed to it, it is left alone.
 */
public final class BranchWriter {

    public enum State { CREATED, UPDATED, UNCHANGED, FOREIGN }

    public record Outcome(String branch, String commit, State state) {
    }

    private final PersonIdent author;

    /** @param author name, email and time (from the caller's clock) of the commit */
    public BranchWriter(PersonIdent author) {
        this.author = author;
    }

    public Outcome write(Repository repo, String baseCommit, List<FileEdit> edits, String branch, String message) {
        String refName = Constants.R_HEADS + branch;
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            RevCommit base = walk.parseCommit(repo.resolve(baseCommit));
            ObjectId tree = tree(repo, base, edits, inserter);
            Ref existing = repo.exactRef(refName);
            ObjectId old = existing == null ? ObjectId.zeroId() : existing.getObjectId();
            if (existing != null) {
                RevCommit current = walk.parseCommit(existing.getObjectId());
                if (!author.getEmailAddress().equalsIgnoreCase(current.getAuthorIdent().getEmailAddress())) {
                    return new Outcome(branch, current.name(), State.FOREIGN);
                }
                if (current.getTree().getId().equals(tree)) {
                    return new Outcome(branch, current.name(), State.UNCHANGED);
                }
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(base);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(refName);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(old);
            update.setRefLogMessage("holdfast fix", false);
            update.setForceUpdate(true);
            RefUpdate.Result r = update.update(walk);
            switch (r) {
                case NEW, FORCED, FAST_FORWARD -> {
                    return new Outcome(branch, id.name(), existing == null ? State.CREATED : State.UPDATED);
                }
                default -> throw new RemediationException("could not update branch " + branch + ": " + r);
            }
        } catch (IOException e) {
            throw new RemediationException("could not write branch " + branch + ": " + e.getMessage(), e);
        }
    }

    /** The base commit's tree with the edited files replaced (or added), built in memory. */
    private static ObjectId tree(Repository repo, RevCommit base, List<FileEdit> edits, ObjectInserter inserter)
            throws IOException {
        Map<String, FileEdit> byPath = new HashMap<>();
        edits.forEach(e -> byPath.put(e.path(), e));
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(base.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(walk.getFileMode(0));
                FileEdit edit = byPath.remove(path);
                entry.setObjectId(edit == null ? walk.getObjectId(0)
                        : inserter.insert(Constants.OBJ_BLOB, edit.after()));
                builder.add(entry);
            }
        }
        for (FileEdit added : byPath.values()) {
            DirCacheEntry entry = new DirCacheEntry(added.path());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, added.after()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }
}

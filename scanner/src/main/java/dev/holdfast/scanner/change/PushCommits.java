package dev.holdfast.scanner.change;

import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.push.RefUpdate;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commits a push sends, from this clone's point of view (event mode's {@code push.PushPlanner} decides for a CI
 * clone, where every local ref is the remote's; here local branches the remote lacks must not hide commits): reachable from what it pushes and from nothing the remote already has — the old values
 * of the refs it updates and the remote's tracking refs in this clone ({@code git rev-list LOCAL --not REMOTE
 * --remotes=NAME}). A new branch is its commits the remote lacks, not its whole history; a force push is the new
 * commits only; a deletion sends nothing; an old value this clone lacks (someone else pushed, or a force push from
 * another clone) is noted and left out.
 */
public final class PushCommits {
    private final Repository repo;

    public PushCommits(Repository repo) {
        this.repo = repo;
    }

    /**
     * @param remote the remote's name as git passes it ({@code $1}); a URL or an unknown name makes every
     *               remote-tracking ref count as already pushed
     */
    public CommitSet resolve(List<RefUpdate> updates, String remote) throws IOException {
        List<ScanWarning> notes = new ArrayList<>();
        Set<ObjectId> starts = new LinkedHashSet<>();
        Set<ObjectId> excluded = new LinkedHashSet<>();
        ObjectId tip = null;
        try (RevWalk rw = new RevWalk(repo)) {
            for (RefUpdate u : updates) {
                if (u.deleted()) {
                    notes.add(new ScanWarning(null, "deletes " + u.ref() + " on the remote: nothing to scan"));
                    continue;
                }
                RevCommit local = commit(rw, ObjectId.fromString(u.newId()));
                if (local == null) {
                    notes.add(new ScanWarning(null, "the value pushed to " + u.ref() + " (" + abbreviate(u.newId())
                            + ") is not a commit in this repository: not scanned"));
                    continue;
                }
                starts.add(local.copy());
                tip = tip == null ? local.copy() : tip;
                if (u.created()) {
                    notes.add(new ScanWarning(null, "creates " + u.ref() + ": scanning its commits the "
                            + "remote does not have"));
                    continue;
                }
                RevCommit before = commit(rw, ObjectId.fromString(u.oldId()));
                if (before == null) {
                    notes.add(new ScanWarning(null, u.ref() + " is at " + abbreviate(u.oldId()) + " on the "
                            + "remote, which this clone does not have: scanning the commits no remote-tracking ref "
                            + "holds"));
                    continue;
                }
                excluded.add(before.copy());
                if (u.forced() || !rw.isMergedInto(before, local)) {
                    notes.add(new ScanWarning(null, "force push of " + u.ref() + ": " + abbreviate(u.oldId())
                            + " is not an ancestor of " + abbreviate(u.newId()) + "; scanning only the new commits"));
                }
            }
            excluded.addAll(remoteTracking(rw, remote));
        }
        return new CommitSet(new ArrayList<>(starts), new ArrayList<>(excluded), tip, notes);
    }

    private List<ObjectId> remoteTracking(RevWalk rw, String remote) throws IOException {
        boolean named = remote != null && !remote.isBlank()
                && repo.getConfig().getSubsections("remote").contains(remote);
        String prefix = Constants.R_REMOTES + (named ? remote + "/" : "");
        List<ObjectId> out = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            RevCommit c = ref.getObjectId() == null ? null : commit(rw, ref.getObjectId());
            if (c != null) {
                out.add(c.copy());
            }
        }
        return out;
    }

    /** The commit an id names, peeling annotated tags; null when absent or not a commit. */
    private static RevCommit commit(RevWalk rw, ObjectId id) throws IOException {
        try {
            RevObject o = rw.peel(rw.parseAny(id));
            return o instanceof RevCommit c ? c : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    private static String abbreviate(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}

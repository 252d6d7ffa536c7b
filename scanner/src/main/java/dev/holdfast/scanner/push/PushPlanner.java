package dev.holdfast.scanner.push;

import dev.holdfast.scanner.git.CloneState;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.git.MissingObjectsException;
import dev.holdfast.scanner.git.ObjectFetcher;
import dev.holdfast.scanner.git.RangeResolver;
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
 * Decides which commits a push or a pull request brings, on the clone as CI has it:
 * <ul>
 *   <li>a deleted ref brings nothing;</li>
 *   <li>a created branch or tag brings the commits reachable from it and from no other branch or tag (none when it
 *       was created at a commit another ref already holds);</li>
 *   <li>an update brings what the new head has that the old one had not — also for a force push, whose old head is
 *       fetched by id from the remote when the clone lacks it (GitHub serves it); when it cannot be had, the commits
 *       no other ref holds, with a warning that says so;</li>
 *   <li>a pull request or merge group brings what its head has that its base has not.</li>
 * </ul>
 * A choice that would reach a shallow clone's boundary fails ({@link MissingObjectsException}): never a silent
 * whole-history scan, never a guess.
 */
public final class PushPlanner {
    private final Repository repo;
    private final ObjectFetcher fetcher;

    /** @param fetcher asked for commits the clone lacks ({@link ObjectFetcher#NONE} never fetches) */
    public PushPlanner(Repository repo, ObjectFetcher fetcher) {
        this.repo = repo;
        this.fetcher = fetcher;
    }

    /** What one pushed ref brings. */
    public PushScope plan(RefUpdate u) throws IOException {
        if (u.deleted()) {
            return new PushScope.Nothing("push deleted " + u.describe() + ": nothing to scan", true);
        }
        Had after = commit(u.newId());
        if (after.id() == null) {
            throw new MissingObjectsException("the pushed commit " + abbreviate(u.newId()) + " (" + u.describe()
                    + ") is not in the clone" + notFetched(after) + "; check out the pushed commit and scan again");
        }
        if (u.created()) {
            return fresh(u, after.id(), null);
        }
        Had before = commit(u.oldId());
        if (before.id() == null) {
            return fresh(u, after.id(), new ScanWarning(null, "the previous head " + abbreviate(u.oldId()) + " of "
                    + u.describe() + " is not in the clone" + notFetched(before) + ": scanned the commits of "
                    + abbreviate(after.id().name()) + " that no other branch or tag has"));
        }
        CommitSet set = new CommitSet(List.of(after.id()), List.of(before.id()), after.id(), List.of());
        int n = count(set);
        if (n == 0) {
            return new PushScope.Nothing("push moved " + u.describe() + " from " + abbreviate(u.oldId()) + " to "
                    + abbreviate(u.newId()) + ", which it already held: nothing new to scan");
        }
        boolean forced = u.forced() || !descends(after.id(), before.id());
        String what = forced
                ? "force push to " + u.describe() + ": " + commits(n) + " that " + abbreviate(u.newId())
                + " has and " + abbreviate(u.oldId()) + " had not"
                : "push to " + u.describe() + ": " + commits(n) + " " + abbreviate(u.oldId()) + ".."
                + abbreviate(u.newId());
        if (before.fetched()) {
            what += " (the previous head was fetched from " + fetcher.remote() + ")";
        }
        return checked(new PushScope.Commits(set, n, what));
    }

    /**
     * What a pull request or merge group brings: the commits of {@code headId} that {@code baseId} has not (from
     * their merge base to the head).
     *
     * @param what "pull request #12", for messages
     */
    public PushScope between(String baseId, String headId, String what) throws IOException {
        Had head = commit(headId);
        if (head.id() == null) {
            throw new MissingObjectsException("the head commit " + abbreviate(headId) + " of " + what + " is not in "
                    + "the clone" + notFetched(head) + "; check it out (or fetch it) and scan again");
        }
        Had base = commit(baseId);
        if (base.id() == null) {
            throw new MissingObjectsException("the base commit " + abbreviate(baseId) + " of " + what + " is not in "
                    + "the clone" + notFetched(base) + "; fetch the base branch (actions/checkout with fetch-depth: 0)"
                    + " and scan again");
        }
        CommitSet set = new CommitSet(List.of(head.id()), List.of(base.id()), head.id(), List.of());
        int n = count(set);
        if (n == 0) {
            return new PushScope.Nothing(what + ": its head " + abbreviate(headId) + " adds no commit to "
                    + abbreviate(baseId) + ": nothing new to scan");
        }
        return checked(new PushScope.Commits(set, n, what + ": " + commits(n) + " from the merge base of "
                + abbreviate(baseId) + " and " + abbreviate(headId) + " to the head"));
    }

    /** A created ref, or an update whose old head cannot be had: what no other branch or tag holds. */
    private PushScope fresh(RefUpdate u, ObjectId after, ScanWarning why) throws IOException {
        Set<ObjectId> excluded = new LinkedHashSet<>();
        try (RevWalk rw = new RevWalk(repo)) {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (u.names(r.getName()) || r.isSymbolic() && u.names(r.getTarget().getName())) {
                    continue;
                }
                RevCommit c = peel(rw, r.getObjectId());
                if (c != null) {
                    excluded.add(c.copy());
                }
            }
        }
        CommitSet set = new CommitSet(List.of(after), new ArrayList<>(excluded), after,
                why == null ? List.of() : List.of(why));
        int n = count(set);
        String at = abbreviate(after.name());
        if (n == 0) {
            return new PushScope.Nothing((u.created() ? u.describe() + " was created at " + at
                    : "push to " + u.describe() + " (previous head unavailable): " + at)
                    + ", which another branch or tag already holds: nothing new to scan");
        }
        return checked(new PushScope.Commits(set, n, (u.created() ? "new " : "push to ") + u.describe() + ": "
                + commits(n) + " that no other branch or tag has"));
    }

    private PushScope checked(PushScope.Commits scope) throws IOException {
        RangeResolver.requireWhole(repo, CloneState.of(repo), scope.set());
        return scope;
    }

    /** A commit the clone has or could fetch by id. */
    private record Had(ObjectId id, boolean fetched, String detail) {
    }

    private Had commit(String id) throws IOException {
        ObjectId oid = ObjectId.fromString(id);
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = peel(rw, oid);
            if (c != null) {
                return new Had(c.copy(), false, null);
            }
        }
        ObjectFetcher.Outcome o = fetcher.fetchCommits(List.of(oid));
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = peel(rw, oid);
            return c != null ? new Had(c.copy(), true, null)
                    : new Had(null, false, o.ok() ? fetcher.remote() + " did not send it" : o.detail());
        }
    }

    private static String notFetched(Had h) {
        return h.detail() == null ? "" : " and could not be fetched (" + h.detail() + ")";
    }

    /** The commit an id leads to (peeling annotated tags); null when the clone lacks it. */
    private static RevCommit peel(RevWalk rw, ObjectId id) throws IOException {
        if (id == null) {
            return null;
        }
        try {
            RevObject o = rw.peel(rw.parseAny(id));
            return o instanceof RevCommit c ? c : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    private int count(CommitSet set) throws IOException {
        return set.commits(repo).size();
    }

    private boolean descends(ObjectId after, ObjectId before) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return rw.isMergedInto(rw.parseCommit(before), rw.parseCommit(after));
        }
    }

    private static String commits(int n) {
        return n == 1 ? "1 commit" : n + " commits";
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

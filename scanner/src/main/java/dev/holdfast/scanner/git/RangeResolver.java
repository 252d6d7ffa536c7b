package dev.holdfast.scanner.git;

import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the commits of a history scan or a push: {@code --history}, {@code --since REV}, {@code --range A..B}.
 * Handles what breaks push-triggered scanners: an all-zero {@code before} (new branch), a force push ({@code before}
 * not an ancestor of {@code after}), and shallow clones. Nothing is passed on a command line, so ranges of any length
 * work.
 */
public final class RangeResolver {
    private static final Pattern ZERO = Pattern.compile("0{7,}");

    private final Repository repo;

    public RangeResolver(Repository repo) {
        this.repo = repo;
    }

    /**
     * Resolves the options' mode into a commit set; bad revisions throw {@link IllegalArgumentException}. In a
     * shallow clone the whole history is partial; a range that reaches the shallow boundary cannot say what its
     * commits changed and throws {@link MissingObjectsException}.
     */
    public CommitSet resolve(HistoryOptions options, RevWalk rw) throws IOException {
        List<ScanWarning> warnings = new ArrayList<>();
        CloneState clone = CloneState.of(repo);
        if (options.mode() == HistoryOptions.Mode.ALL) {
            if (clone.isShallow()) {
                warnings.add(new ScanWarning(null, "shallow clone: the history before "
                        + abbreviate(clone.shallowCommits().iterator().next().name()) + " is not in this clone, so "
                        + "the scan is partial; fetch the whole history (actions/checkout fetch-depth: 0, or git "
                        + "fetch --unshallow)"));
            }
            CommitSet all = all(rw, warnings);
            return new CommitSet(all.starts(), all.excluded(), all.tip(), all.warnings(), clone.isShallow());
        }
        CommitSet set = switch (options.mode()) {
            case COMMITS -> options.commits();
            case SINCE -> between(options.revision().trim(), Constants.HEAD, "--since", rw, warnings);
            default -> range(options.revision().trim(), rw, warnings);
        };
        requireWhole(repo, clone, set);
        return set;
    }

    /**
     * Fails when the commits of {@code set} reach a shallow clone's boundary: a boundary commit's parents are not
     * here, so it would look as if it added every file it holds.
     */
    public static void requireWhole(Repository repo, CloneState clone, CommitSet set) throws IOException {
        if (!clone.isShallow()) {
            return;
        }
        for (ObjectId c : set.commits(repo)) {
            if (clone.shallowCommits().contains(c)) {
                throw new MissingObjectsException("shallow clone: commit " + abbreviate(c.name()) + " is at the "
                        + "clone's shallow boundary (its parents are not here), so what the scanned commits "
                        + "changed cannot be told; fetch the history (actions/checkout with fetch-depth: 0, or "
                        + "git fetch --unshallow) and scan again");
            }
        }
    }

    private CommitSet range(String r, RevWalk rw, List<ScanWarning> warnings) throws IOException {
        int dots = r.indexOf("..");
        if (dots < 0 || r.contains("...")) {
            throw new IllegalArgumentException("--range must be A..B, got '" + r + "'");
        }
        String before = r.substring(0, dots);
        String after = r.substring(dots + 2);
        return between(before.isEmpty() ? Constants.HEAD : before, after.isEmpty() ? Constants.HEAD : after,
                "--range", rw, warnings);
    }

    private CommitSet all(RevWalk rw, List<ScanWarning> warnings) throws IOException {
        Set<ObjectId> starts = new LinkedHashSet<>();
        for (Ref ref : repo.getRefDatabase().getRefs()) {
            RevCommit c = commitOf(rw, ref);
            if (c != null) {
                starts.add(c.copy());
            }
        }
        ObjectId head = headCommit(rw);
        if (head != null) {
            starts.add(head);
        }
        return new CommitSet(new ArrayList<>(starts), List.of(), head, warnings);
    }

    private CommitSet between(String beforeSpec, String afterSpec, String flag, RevWalk rw,
                              List<ScanWarning> warnings) throws IOException {
        RevCommit after = parse(afterSpec, flag, rw);
        if (ZERO.matcher(beforeSpec).matches()) {
            return newBranch(after, rw, warnings);
        }
        RevCommit before;
        try {
            before = parse(beforeSpec, flag, rw);
        } catch (IllegalArgumentException e) {
            if (!isHex(beforeSpec)) {
                throw e;
            }
            // A force push can leave `before` absent from this clone; so can a shallow fetch.
            warnings.add(new ScanWarning(null, "before commit " + abbreviate(beforeSpec) + " is not in this "
                    + "repository (force push or shallow clone): scanned the commits not reachable from other refs"));
            return newBranch(after, rw, warnings);
        }
        if (rw.isMergedInto(before, after)) {
            return new CommitSet(List.of(after.copy()), List.of(before.copy()), after.copy(), warnings);
        }
        RevCommit base = mergeBase(before, after, rw);
        if (base != null) {
            warnings.add(new ScanWarning(null, "force push: " + abbreviate(before.name()) + " is not an ancestor of "
                    + abbreviate(after.name()) + "; scanned merge-base " + abbreviate(base.name()) + ".."
                    + abbreviate(after.name())));
            return new CommitSet(List.of(after.copy()), List.of(base.copy()), after.copy(), warnings);
        }
        warnings.add(new ScanWarning(null, "force push: " + abbreviate(before.name()) + " and "
                + abbreviate(after.name()) + " share no history; scanned the commits not reachable from other refs"));
        return newBranch(after, rw, warnings);
    }

    /**
     * A new branch: the commits of {@code after} that no other branch, remote-tracking branch or tag already holds.
     * Refs that point at {@code after} itself are this branch (the checked-out one when HEAD names one).
     */
    private CommitSet newBranch(RevCommit after, RevWalk rw, List<ScanWarning> warnings) throws IOException {
        String current = currentBranchShortName();
        List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS);
        boolean currentPointsAtAfter = false;
        for (Ref ref : refs) {
            RevCommit c = commitOf(rw, ref);
            if (c != null && c.equals(after) && current != null && shortBranch(ref.getName()).equals(current)) {
                currentPointsAtAfter = true;
            }
        }
        Set<ObjectId> excluded = new LinkedHashSet<>();
        for (Ref ref : refs) {
            RevCommit c = commitOf(rw, ref);
            if (c == null) {
                continue;
            }
            boolean thisBranch = currentPointsAtAfter
                    ? shortBranch(ref.getName()).equals(current)
                    : c.equals(after);
            if (!thisBranch) {
                excluded.add(c.copy());
            }
        }
        return new CommitSet(List.of(after.copy()), new ArrayList<>(excluded), after.copy(), warnings);
    }

    private RevCommit mergeBase(RevCommit a, RevCommit b, RevWalk rw) throws IOException {
        rw.reset();
        rw.setRevFilter(RevFilter.MERGE_BASE);
        rw.markStart(rw.parseCommit(a));
        rw.markStart(rw.parseCommit(b));
        RevCommit base = rw.next();
        rw.reset();
        rw.setRevFilter(RevFilter.ALL);
        return base;
    }

    private RevCommit parse(String spec, String flag, RevWalk rw) throws IOException {
        ObjectId id;
        try {
            id = repo.resolve(spec);
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new IllegalArgumentException(flag + ": cannot parse revision '" + spec + "'");
        }
        if (id == null) {
            throw new IllegalArgumentException(flag + ": unknown revision '" + spec + "'");
        }
        try {
            return rw.parseCommit(id);
        } catch (MissingObjectException e) {
            throw new IllegalArgumentException(flag + ": unknown revision '" + spec + "'");
        } catch (IncorrectObjectTypeException e) {
            throw new IllegalArgumentException(flag + ": '" + spec + "' is not a commit");
        }
    }

    private ObjectId headCommit(RevWalk rw) throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        RevCommit c = head == null ? null : commitOf(rw, head);
        return c == null ? null : c.copy();
    }

    /** The commit a ref leads to, peeling tags; null for refs to trees or blobs, or unborn refs. */
    static RevCommit commitOf(RevWalk rw, Ref ref) throws IOException {
        ObjectId id = ref.getObjectId();
        if (id == null) {
            return null;
        }
        try {
            RevObject o = rw.peel(rw.parseAny(id));
            return o instanceof RevCommit ? (RevCommit) o : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    private String currentBranchShortName() throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head == null || !head.isSymbolic()) {
            return null;
        }
        return shortBranch(head.getTarget().getName());
    }

    /** refs/heads/x and refs/remotes/origin/x both name branch x. */
    private static String shortBranch(String refName) {
        if (refName.startsWith(Constants.R_HEADS)) {
            return refName.substring(Constants.R_HEADS.length());
        }
        if (refName.startsWith(Constants.R_REMOTES)) {
            String rest = refName.substring(Constants.R_REMOTES.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(slash + 1);
        }
        return refName;
    }

    private static boolean isHex(String s) {
        return s.matches("[0-9a-fA-F]{7,64}");
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

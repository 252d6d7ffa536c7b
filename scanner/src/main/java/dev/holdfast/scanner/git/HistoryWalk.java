package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commits of a history, walked once per run and shared by everything that reads that history: the history scan,
 * the ledger miner, the cloud leak lookup ({@code source.HistorySource}). Oldest first — parents before children —
 * so a blob's first sighting is its introduction and each file's versions come in order. Commit bodies are not
 * kept (a long history's messages add up); a reader that needs the author parses it again.
 */
public final class HistoryWalk {
    private static final AtomicLong WALKS = new AtomicLong();

    private final Repository repo;
    private final CommitSet set;
    private List<RevCommit> commits;

    private HistoryWalk(Repository repo, CommitSet set) {
        this.repo = repo;
        this.set = set;
    }

    /** Every commit reachable from any ref. */
    public static HistoryWalk all(Repository repo) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return new HistoryWalk(repo, new RangeResolver(repo).resolve(HistoryOptions.all(), rw));
        }
    }

    /** The commits of a set (a range, a push). */
    public static HistoryWalk of(Repository repo, CommitSet set) {
        return new HistoryWalk(repo, set);
    }

    /**
     * How many histories were walked in this process so far: a trace for tests that hold each run to one walk. Only
     * the walk itself counts; reusing its commits does not.
     */
    public static long walks() {
        return WALKS.get();
    }

    public CommitSet set() {
        return set;
    }

    public Repository repository() {
        return repo;
    }

    /** The commits, oldest first; walked on the first call. */
    public List<RevCommit> commits() throws IOException {
        if (commits == null) {
            WALKS.incrementAndGet();
            List<RevCommit> out = new ArrayList<>();
            try (RevWalk rw = new RevWalk(repo)) {
                rw.setRetainBody(false);
                rw.sort(RevSort.TOPO);
                rw.sort(RevSort.COMMIT_TIME_DESC, true);
                rw.sort(RevSort.REVERSE, true);
                for (ObjectId id : set.starts()) {
                    rw.markStart(rw.parseCommit(id));
                }
                for (ObjectId id : set.excluded()) {
                    rw.markUninteresting(rw.parseCommit(id));
                }
                for (RevCommit c : rw) {
                    out.add(c);
                }
                // readers take parents' trees, some from other threads: parse them here, where the walk lives
                for (RevCommit c : out) {
                    for (RevCommit p : c.getParents()) {
                        rw.parseHeaders(p);
                    }
                }
            }
            commits = Collections.unmodifiableList(out);
        }
        return commits;
    }

    /**
     * The walked commits that {@code tip} reaches (itself included), still oldest first: the history of one branch
     * taken from the walk of all of them, without walking again.
     */
    public List<RevCommit> reachableFrom(ObjectId tip) throws IOException {
        List<RevCommit> all = commits();
        Set<ObjectId> reached = new HashSet<>();
        reached.add(tip.copy());
        boolean[] keep = new boolean[all.size()];
        for (int i = all.size() - 1; i >= 0; i--) { // children before parents
            RevCommit c = all.get(i);
            if (reached.contains(c)) {
                keep[i] = true;
                for (RevCommit p : c.getParents()) {
                    reached.add(p.copy());
                }
            }
        }
        List<RevCommit> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (keep[i]) {
                out.add(all.get(i));
            }
        }
        return out;
    }
}

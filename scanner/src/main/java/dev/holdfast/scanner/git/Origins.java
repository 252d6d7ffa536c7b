package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the commit that really introduced each finding: from the version where it was seen, back parent by parent
 * for as long as the parent's version of the file still holds it — the same blob, or the value anywhere in the file
 * however the lines around it moved, were re-indented or commented — and into another file when the same commit
 * changed or deleted a file that held it (a move or rename). The first commit whose parents hold it nowhere
 * introduced it; after a fix that removed it, that is the commit that brought it back.
 *
 * <p>All queries share one walk of the history, newest first, that stops once every query is answered. A commit is
 * only diffed on the paths its queries follow, unchanged subtrees are skipped, and each version of a followed file is
 * read once, so the cost is that of reading the followed files' versions, not one blame per finding.
 */
public final class Origins {

    /** Whether one version of a file still holds the finding. */
    public interface Holds {
        /**
         * @param blob    the version's blob id (for caches)
         * @param content its bytes
         * @param path    where it sits in that commit, repository-relative
         */
        boolean in(ObjectId blob, byte[] content, String path) throws IOException;

        /** Whether a file of another name may hold it: false limits move detection to renames across folders. */
        default boolean anyFile() {
            return true;
        }
    }

    /**
     * @param path  repository-relative, '/' separated
     * @param start the commit whose version of {@code path} the finding was seen in
     */
    public record Query(String path, ObjectId start, Holds holds) {
    }

    /** What a query found. */
    public sealed interface Origin permits Introduced, Uncommitted, BeyondShallow {
    }

    /** This commit introduced it (its parents hold it nowhere). */
    public record Introduced(RevCommit commit) implements Origin {
    }

    /** The start commit's version does not hold it: it exists only in the working tree. */
    public record Uncommitted() implements Origin {
    }

    /** It was already there at a shallow clone's boundary commit, whose parents are not in the clone. */
    public record BeyondShallow(ObjectId boundary) implements Origin {
    }

    private final Repository repo;
    private final CloneState clone;
    private final ObjectFetcher fetcher;

    /** @param fetcher asked for the blobs a partial clone left out */
    public Origins(Repository repo, CloneState clone, ObjectFetcher fetcher) {
        this.repo = repo;
        this.clone = clone;
        this.fetcher = fetcher;
    }

    /** A query being followed back: where it is now. */
    private record Trace(int query, String path, Holds holds, boolean verified) {
        Trace at(String newPath) {
            return new Trace(query, newPath, holds, true);
        }
    }

    /** The origin of every query, in the queries' order. */
    public List<Origin> find(List<Query> queries) throws IOException {
        Origin[] out = new Origin[queries.size()];
        if (!queries.isEmpty()) {
            try (ObjectReader reader = repo.newObjectReader()) {
                new Walk(reader, new Blobs(reader, clone, fetcher)).find(queries, out);
            }
        }
        List<Origin> result = new ArrayList<>(out.length);
        for (Origin o : out) {
            result.add(o == null ? new Uncommitted() : o);
        }
        return result;
    }

    /** The walk: one reader, one diff reused from commit to commit. */
    private final class Walk {
        private final ObjectReader reader;
        private final Blobs blobs;
        private final TreeWalk diff;
        private Set<String> filterPaths = Set.of();
        private TreeFilter filter;

        Walk(ObjectReader reader, Blobs blobs) {
            this.reader = reader;
            this.blobs = blobs;
            this.diff = new TreeWalk(reader);
            diff.setRecursive(true);
        }

        void find(List<Query> queries, Origin[] out) throws IOException {
            try (RevWalk rw = new RevWalk(reader)) {
                rw.setRetainBody(false);
                rw.sort(RevSort.TOPO); // children before parents: a commit is reached after every query handed to it
                Map<ObjectId, List<Trace>> pending = new HashMap<>();
                for (int i = 0; i < queries.size(); i++) {
                    Query q = queries.get(i);
                    RevCommit c = rw.parseCommit(q.start());
                    pending.computeIfAbsent(c, k -> new ArrayList<>()).add(new Trace(i, q.path(), q.holds(), false));
                    rw.markStart(c);
                }
                int open = queries.size();
                for (RevCommit c = rw.next(); c != null && open > 0; c = rw.next()) {
                    List<Trace> traces = pending.remove(c);
                    if (traces != null) {
                        open -= step(rw, c, traces, pending, out);
                    }
                }
            }
        }

        /** Moves every trace at {@code c} to a parent that still holds it, or settles it here; returns how many settled. */
        private int step(RevWalk rw, RevCommit c, List<Trace> traces, Map<ObjectId, List<Trace>> pending, Origin[] out)
                throws IOException {
            RevCommit[] parents = c.getParents();
            for (RevCommit p : parents) {
                rw.parseHeaders(p);
            }
            Map<ObjectId, byte[]> read = new HashMap<>();
            int settled = 0;
            List<Trace> live = new ArrayList<>(traces.size());
            for (Trace t : traces) {
                if (t.verified()) {
                    live.add(t);
                    continue;
                }
                ObjectId own = fileAt(c, t.path());
                if (own != null && t.holds().in(own, read(own, t.path(), c, read), t.path())) {
                    live.add(t.at(t.path()));
                } else {
                    out[t.query()] = new Uncommitted();
                    settled++;
                }
            }
            if (live.isEmpty()) {
                return settled;
            }
            Set<String> paths = new LinkedHashSet<>();
            live.forEach(t -> paths.add(t.path()));
            Map<String, ObjectId[]> changed = changed(c, parents, paths);
            List<List<OldFile>> moved = new ArrayList<>();
            for (Trace t : live) {
                ObjectId[] ids = changed.get(t.path());
                if (ids == null && parents.length > 0) {
                    hand(pending, parents[0], t);
                    continue;
                }
                int to = -1;
                String toPath = t.path();
                for (int i = 0; ids != null && i < parents.length && to < 0; i++) {
                    if (ids[i + 1] != null && ids[i + 1].equals(ids[0])) {
                        to = i;
                    }
                }
                for (int i = 0; ids != null && i < parents.length && to < 0; i++) {
                    if (ids[i + 1] != null && t.holds().in(ids[i + 1], read(ids[i + 1], t.path(), parents[i], read),
                            t.path())) {
                        to = i;
                    }
                }
                for (int i = 0; i < parents.length && to < 0; i++) {
                    while (moved.size() <= i) {
                        moved.add(null);
                    }
                    if (moved.get(i) == null) {
                        moved.set(i, oldFiles(parents[i], c));
                    }
                    for (OldFile f : moved.get(i)) {
                        if (!f.path().equals(t.path()) && (t.holds().anyFile() || sameName(f.path(), t.path()))
                                && t.holds().in(f.blob(), read(f.blob(), f.path(), parents[i], read), f.path())) {
                            to = i;
                            toPath = f.path();
                            break;
                        }
                    }
                }
                if (to >= 0) {
                    hand(pending, parents[to], t.at(toPath));
                } else {
                    out[t.query()] = parents.length == 0 && clone.shallowCommits().contains(c) ? new BeyondShallow(c.copy())
                            : new Introduced(c);
                    settled++;
                }
            }
            return settled;
        }

        private static void hand(Map<ObjectId, List<Trace>> pending, RevCommit parent, Trace t) {
            pending.computeIfAbsent(parent, k -> new ArrayList<>()).add(t);
        }

        private byte[] read(ObjectId blob, String path, RevCommit commit, Map<ObjectId, byte[]> cache)
                throws IOException {
            byte[] b = cache.get(blob);
            if (b == null) {
                b = blobs.read(blob, path, commit);
                cache.put(blob, b);
            }
            return b;
        }

        private ObjectId fileAt(RevCommit c, String path) throws IOException {
            try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
                return tw != null && isFile(tw.getRawMode(0)) ? tw.getObjectId(0) : null;
            }
        }

        /** For each followed path that differs from some parent: its blob in c, then in each parent (null: no file). */
        private Map<String, ObjectId[]> changed(RevCommit c, RevCommit[] parents, Set<String> paths) throws IOException {
            Map<String, ObjectId[]> out = new HashMap<>();
            if (!paths.equals(filterPaths)) {
                // Consecutive commits mostly follow the same files: the filter is built once per set of paths.
                filterPaths = Set.copyOf(paths);
                filter = AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF);
            }
            TreeWalk tw = diff;
            tw.reset();
            tw.addTree(c.getTree());
            if (parents.length == 0) {
                tw.addTree(new EmptyTreeIterator());
            }
            for (RevCommit p : parents) {
                tw.addTree(p.getTree());
            }
            tw.setFilter(filter);
            while (tw.next()) {
                ObjectId[] ids = new ObjectId[parents.length + 1];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = isFile(tw.getRawMode(i)) ? tw.getObjectId(i) : null;
                }
                out.put(tw.getPathString(), ids);
            }
            return out;
        }

        /** A file of the parent that the commit changed or deleted: where a moved value may have come from. */
        private record OldFile(String path, ObjectId blob) {
        }

        private List<OldFile> oldFiles(RevCommit parent, RevCommit c) throws IOException {
            List<OldFile> out = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.setRecursive(true);
                tw.addTree(parent.getTree());
                tw.addTree(c.getTree());
                tw.setFilter(TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    if (isFile(tw.getRawMode(0))) {
                        out.add(new OldFile(tw.getPathString(), tw.getObjectId(0)));
                    }
                }
            }
            return out;
        }
    }

    private static boolean sameName(String a, String b) {
        return a.substring(a.lastIndexOf('/') + 1).equals(b.substring(b.lastIndexOf('/') + 1));
    }

    private static boolean isFile(int mode) {
        return mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits();
    }
}

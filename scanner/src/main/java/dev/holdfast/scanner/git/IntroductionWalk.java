package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Finds where every blob of a set of commits was introduced ({@link BlobIntroductions}): each commit is diffed against
 * each of its parents with {@link TreeFilter#ANY_DIFF}, so unchanged subtrees are never opened. Commits are handed
 * out in runs of {@link #RUN}, newest run first and newest first within a run, to several threads: git stores older
 * trees as deltas of newer ones, so that order reads each tree one delta away from one just read. Which commit saw a
 * blob first does not depend on the order: the lowest ordinal wins.
 */
final class IntroductionWalk {
    /** Commits a thread takes at a time: near neighbours share most trees. */
    private static final int RUN = 64;

    private final Repository repo;
    private final List<RevCommit> commits;
    private final Predicate<String> ignored;
    private final AtomicLong commitsDone;
    private final Runnable onProgress;
    private final AtomicInteger nextRun = new AtomicInteger();
    private final ConcurrentHashMap<String, String> paths = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param commits oldest first, with parsed headers (their parents' too): a commit's ordinal is its index here
     */
    IntroductionWalk(Repository repo, List<RevCommit> commits, Predicate<String> ignored, AtomicLong commitsDone,
                     Runnable onProgress) {
        this.repo = repo;
        this.commits = commits;
        this.ignored = ignored;
        this.commitsDone = commitsDone;
        this.onProgress = onProgress;
    }

    /** Walks every commit on {@code threads} threads. */
    BlobIntroductions run(int threads) throws IOException, InterruptedException {
        int n = Math.max(1, Math.min(threads, (commits.size() + RUN - 1) / RUN));
        List<BlobIntroductions> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            found.add(new BlobIntroductions());
        }
        try {
            Workers.run("holdfast-walk", n, i -> walk(found.get(i)));
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e); // the others stop at their next run
            throw e;
        }
        Workers.rethrow(failure.get());
        BlobIntroductions all = found.get(0);
        for (int i = 1; i < found.size(); i++) {
            all.addAll(found.get(i));
        }
        return all;
    }

    private void walk(BlobIntroductions into) {
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            MutableObjectId id = new MutableObjectId();
            boolean filter = ignored != HistoryOptions.NOTHING_IGNORED;
            int runs = (commits.size() + RUN - 1) / RUN;
            for (int run = nextRun.getAndIncrement(); run < runs && failure.get() == null;
                 run = nextRun.getAndIncrement()) {
                int to = commits.size() - run * RUN;
                for (int ordinal = to - 1; ordinal >= Math.max(0, to - RUN); ordinal--) {
                    diff(tw, commits.get(ordinal), ordinal, id, filter, into);
                    commitsDone.incrementAndGet();
                }
                onProgress.run();
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private void diff(TreeWalk tw, RevCommit c, int ordinal, MutableObjectId id, boolean filter,
                      BlobIntroductions into) throws IOException {
        tw.reset();
        tw.addTree(c.getTree());
        if (c.getParentCount() == 0) {
            tw.addTree(new EmptyTreeIterator());
        } else {
            for (RevCommit p : c.getParents()) {
                tw.addTree(p.getTree());
            }
        }
        while (tw.next()) {
            int mode = tw.getRawMode(0);
            if (mode != FileMode.REGULAR_FILE.getBits() && mode != FileMode.EXECUTABLE_FILE.getBits()) {
                continue;
            }
            String path = tw.getPathString();
            if (filter && ignored.test(path)) {
                continue; // the same blob may still be scanned where it appears under a path not ignored
            }
            tw.getObjectId(id, 0);
            into.offer(id, ordinal, paths.computeIfAbsent(path, s -> s));
        }
    }
}

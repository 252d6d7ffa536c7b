package dev.holdfast.scanner.change;

import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.IndexDiffFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what the next commit would add, from the index against HEAD (and the work tree when the command will stage
 * it). Never writes: the index, the work tree and HEAD are left exactly as they were, so a hook cannot lose staged
 * work. Submodules and symbolic links are not content and are skipped; unmerged paths cannot be committed and are
 * named in a note.
 */
public final class StagedChangeReader {
    private static final int MAX_NAMED = 3;

    private final Repository repo;

    public StagedChangeReader(Repository repo) {
        this.repo = repo;
    }

    /**
     * @throws IllegalArgumentException the repository is bare (it has no index)
     * @throws IOException              the index or the objects cannot be read
     */
    public StagedChange read(Staging staging) throws IOException {
        return read(staging, List.of());
    }

    /**
     * @param alsoPaths repository-relative paths (files or folders) whose work-tree version the commit also takes,
     *                  tracked or not (an agent's {@code git add PATH && git commit}); ignored files stay out
     */
    public StagedChange read(Staging staging, List<String> alsoPaths) throws IOException {
        if (repo.isBare()) {
            throw new IllegalArgumentException("a bare repository has no index to scan");
        }
        List<ScanWarning> notes = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            List<ObjectId> priorTrees = new ArrayList<>();
            if (head == null) {
                notes.add(new ScanWarning(null, "no commits yet: every staged file is new"));
            } else {
                priorTrees.add(rw.parseCommit(head).getTree().copy());
            }
            priorTrees.addAll(mergeHeadTrees(rw, notes));
            stateNote(notes);
            DirCache index = repo.readDirCache();
            Set<String> unmerged = unmerged(index);
            if (!unmerged.isEmpty()) {
                notes.add(new ScanWarning(null, unmerged.size() + " unmerged path(s) (" + named(unmerged)
                        + "): not scanned until the conflict is resolved and staged"));
            }
            return walk(reader, rw, head, priorTrees, index, unmerged, staging, List.copyOf(alsoPaths), notes);
        }
    }

    private StagedChange walk(ObjectReader reader, RevWalk rw, ObjectId head, List<ObjectId> priorTrees,
                              DirCache index, Set<String> unmerged, Staging staging, List<String> alsoPaths,
                              List<ScanWarning> notes) throws IOException {
        TreeMap<String, PendingFile> pending = new TreeMap<>();
        Set<String> touched = new TreeSet<>();
        try (TreeWalk tw = new TreeWalk(repo, reader)) {
            tw.setRecursive(true);
            int headTree = tw.addTree(head == null ? new EmptyTreeIterator() : treeIterator(reader, rw, head));
            int staged = tw.addTree(new DirCacheIterator(index));
            int work = -1;
            if (staging == Staging.INDEX && alsoPaths.isEmpty()) {
                tw.setFilter(TreeFilter.ANY_DIFF);
            } else {
                work = tw.addTree(new FileTreeIterator(repo));
                // staged differences, plus work-tree files that differ from the index (by stat data, then content)
                tw.setFilter(OrTreeFilter.create(TreeFilter.ANY_DIFF, new IndexDiffFilter(staged, work)));
            }
            while (tw.next()) {
                String path = tw.getPathString();
                if (unmerged.contains(path)) {
                    continue;
                }
                int headMode = tw.getRawMode(headTree);
                int indexMode = tw.getRawMode(staged);
                boolean inHead = isFile(headMode);
                PendingFile now = null;
                if (isFile(indexMode)) {
                    now = PendingFile.staged(path, tw.getObjectId(staged));
                }
                if (work >= 0) {
                    now = fromWorkTree(tw, path, now, indexMode, work, takes(staging, alsoPaths, path));
                }
                if (inHead && (now == null || now.blob() == null || !now.blob().equals(tw.getObjectId(headTree)))) {
                    touched.add(path);
                }
                if (now != null && (!inHead || now.blob() == null || !now.blob().equals(tw.getObjectId(headTree)))) {
                    pending.put(path, now);
                }
            }
        }
        return new StagedChange(head, priorTrees, new ArrayList<>(pending.values()), touched, notes);
    }

    /** How the commit takes this path: as staged, or from the work tree (tracked files only, or any). */
    private static Staging takes(Staging staging, List<String> alsoPaths, String path) {
        for (String p : alsoPaths) {
            if (p.isEmpty() || path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) {
                return Staging.ALL;
            }
        }
        return staging;
    }

    /** The file as {@code git commit -a} or {@code git add -A} would stage it, else the staged one. */
    private PendingFile fromWorkTree(TreeWalk tw, String path, PendingFile staged, int indexMode, int work,
                                     Staging staging) throws IOException {
        if (staging == Staging.INDEX) {
            return staged;
        }
        WorkingTreeIterator wt = tw.getTree(work, WorkingTreeIterator.class);
        boolean tracked = indexMode != FileMode.MISSING.getBits();
        if (wt == null) {
            // deleted in the work tree: `commit -a` records the deletion
            return tracked && isFile(indexMode) ? null : staged;
        }
        if (!isFile(wt.getEntryRawMode())) {
            return staged;
        }
        if (!tracked && (staging != Staging.ALL || wt.isEntryIgnored())) {
            return null;
        }
        if (tracked && !isFile(indexMode)) {
            return staged;
        }
        Path file = repo.getWorkTree().toPath().resolve(path);
        return PendingFile.workTree(path, file);
    }

    private static AbstractTreeIterator treeIterator(ObjectReader reader, RevWalk rw, ObjectId commit)
            throws IOException {
        org.eclipse.jgit.treewalk.CanonicalTreeParser p = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
        p.reset(reader, rw.parseCommit(commit).getTree());
        return p;
    }

    private List<ObjectId> mergeHeadTrees(RevWalk rw, List<ScanWarning> notes) throws IOException {
        List<ObjectId> heads;
        try {
            heads = repo.readMergeHeads();
        } catch (IOException e) {
            throw new IOException("cannot read MERGE_HEAD: " + e.getMessage(), e);
        }
        List<ObjectId> trees = new ArrayList<>();
        if (heads == null) {
            return trees;
        }
        for (ObjectId id : heads) {
            try {
                trees.add(rw.parseCommit(id).getTree().copy());
            } catch (MissingObjectException e) {
                notes.add(new ScanWarning(null, "MERGE_HEAD " + id.abbreviate(12).name() + " is missing"));
            }
        }
        if (!trees.isEmpty()) {
            notes.add(new ScanWarning(null, "merge in progress: what the merged branch already held is not new; "
                    + "only what the merge commit adds counts"));
        }
        return trees;
    }

    private void stateNote(List<ScanWarning> notes) {
        RepositoryState state = repo.getRepositoryState();
        switch (state) {
            case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE, APPLY ->
                    notes.add(new ScanWarning(null, "rebase in progress: scanning the staged change against the "
                            + "commit being rebased onto (HEAD)"));
            case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> notes.add(new ScanWarning(null,
                    "cherry-pick in progress: what it brings is new on this branch"));
            case REVERTING, REVERTING_RESOLVED -> notes.add(new ScanWarning(null,
                    "revert in progress: what it restores is new on this branch"));
            default -> {
            }
        }
    }

    private static Set<String> unmerged(DirCache index) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            if (e.getStage() != DirCacheEntry.STAGE_0) {
                out.add(e.getPathString());
            }
        }
        return out;
    }

    private static String named(Set<String> paths) {
        List<String> first = paths.stream().limit(MAX_NAMED).toList();
        return String.join(", ", first) + (paths.size() > MAX_NAMED ? ", …" : "");
    }

    private static boolean isFile(int mode) {
        return mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits();
    }
}

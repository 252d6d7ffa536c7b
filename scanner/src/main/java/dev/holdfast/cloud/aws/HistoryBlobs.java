package dev.holdfast.cloud.aws;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every distinct text blob reachable from any ref of a git repository, oldest commit first, each with the first
 * commit and path it appeared at: where a key that is no longer in the tree was leaked.
 */
final class HistoryBlobs {
    private static final long MAX_SIZE = 2L * 1024 * 1024;

    record Blob(String commit, String path, String text) {
    }

    private HistoryBlobs() {
    }

    static List<Blob> read(Path root) throws IOException {
        List<Blob> out = new ArrayList<>();
        if (!Files.exists(root.resolve(".git"))) {
            return out;
        }
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true)
                .readEnvironment().findGitDir(root.toFile()).build();
             RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                if (id == null) {
                    continue;
                }
                try {
                    walk.markStart(walk.parseCommit(id));
                } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                    // a ref to a tree or blob: nothing to walk
                }
            }
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            Set<ObjectId> seen = new HashSet<>();
            for (RevCommit c : walk) {
                try (TreeWalk tw = new TreeWalk(repo)) {
                    tw.addTree(c.getTree());
                    tw.setRecursive(true);
                    while (tw.next()) {
                        ObjectId blob = tw.getObjectId(0);
                        if ((tw.getRawMode(0) & 0170000) != 0100000 || !seen.add(blob)) {
                            continue;
                        }
                        ObjectLoader l = repo.open(blob, Constants.OBJ_BLOB);
                        if (l.getSize() > MAX_SIZE) {
                            continue;
                        }
                        byte[] bytes = l.getBytes();
                        if (!binary(bytes)) {
                            out.add(new Blob(c.name(), tw.getPathString(), new String(bytes, StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean binary(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8000); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }
}

package dev.holdfast.reports;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a scanned file, for reports that must hash the line a finding sits on (SARIF's
 * {@code primaryLocationLineHash}). Returns null when the file is not available; never throws for a missing file.
 */
@FunctionalInterface
public interface SourceProvider {

    /** Files larger than this are not read: GitHub's fingerprinting would be meaningless on them anyway. */
    long MAX_BYTES = 16L * 1024 * 1024;

    /**
     * @param path   relative to the scanned root, '/' separated
     * @param commit the commit the finding was read from (history mode), or null for the working tree
     * @return the file's text decoded as UTF-8, or null when unavailable
     */
    String read(String path, String commit);

    static SourceProvider none() {
        return (path, commit) -> null;
    }

    /** Reads the working tree under {@code root}; refuses paths that escape it. Ignores the commit. */
    static SourceProvider directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return (path, commit) -> {
            if (path == null || path.isEmpty()) {
                return null;
            }
            Path file = base.resolve(path).normalize();
            try {
                if (!file.startsWith(base) || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                    return null;
                }
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        };
    }

    /**
     * Reads the blob at the finding's commit when there is one (history findings point at lines of that version),
     * else the working tree. Falls back to the working tree when {@code root} is not a git repository.
     */
    static SourceProvider git(Path root) {
        SourceProvider tree = directory(root);
        return (path, commit) -> {
            if (commit == null || commit.isEmpty() || path == null) {
                return tree.read(path, commit);
            }
            String blob = readBlob(root, path, commit);
            return blob != null ? blob : tree.read(path, null);
        };
    }

    private static String readBlob(Path root, String path, String commit) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(commit + "^{commit}");
            if (id == null) {
                return null;
            }
            RevCommit c = walk.parseCommit(id);
            // Paths are relative to the scanned root, which may be a folder inside the repository.
            String prefix = "";
            if (!repo.isBare()) {
                Path work = repo.getWorkTree().toPath().toAbsolutePath().normalize();
                Path scanned = root.toAbsolutePath().normalize();
                if (!scanned.startsWith(work)) {
                    return null;
                }
                String rel = work.relativize(scanned).toString().replace('\\', '/');
                prefix = rel.isEmpty() ? "" : rel + "/";
            }
            try (TreeWalk tw = TreeWalk.forPath(repo, prefix + path, c.getTree())) {
                if (tw == null) {
                    return null;
                }
                ObjectLoader loader = repo.open(tw.getObjectId(0));
                if (loader.getSize() > MAX_BYTES) {
                    return null;
                }
                return new String(loader.getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

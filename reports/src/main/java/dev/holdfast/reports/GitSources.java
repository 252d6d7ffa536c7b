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
import java.nio.file.Path;

/**
 * {@link SourceProvider#git(Path)}: blobs at a commit, else the working tree. Opens the repository once (a history
 * report may read thousands of blobs) and closes it on {@link #close()}; a later read opens it again.
 */
final class GitSources implements SourceProvider, AutoCloseable {
    private final Path root;
    private final SourceProvider tree;
    private Repository repo;
    private String prefix;
    private boolean noRepository;

    GitSources(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.tree = SourceProvider.directory(root);
    }

    @Override
    public synchronized String read(String path, String commit) {
        if (commit == null || commit.isEmpty() || path == null) {
            return tree.read(path, commit);
        }
        String blob = readBlob(path, commit);
        return blob != null ? blob : tree.read(path, null);
    }

    private String readBlob(String path, String commit) {
        try {
            if (!open()) {
                return null;
            }
            ObjectId id = repo.resolve(commit + "^{commit}");
            if (id == null) {
                return null;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit c = walk.parseCommit(id);
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
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Finds the repository around the scanned root; paths are relative to the root, a folder inside it maybe. */
    private boolean open() throws IOException {
        if (repo != null || noRepository) {
            return repo != null;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            noRepository = true;
            return false;
        }
        Repository r = builder.build();
        String p = "";
        if (!r.isBare()) {
            Path work = r.getWorkTree().toPath().toAbsolutePath().normalize();
            if (!root.startsWith(work)) {
                r.close();
                noRepository = true;
                return false;
            }
            String rel = work.relativize(root).toString().replace('\\', '/');
            p = rel.isEmpty() ? "" : rel + "/";
        }
        repo = r;
        prefix = p;
        return true;
    }

    @Override
    public synchronized void close() {
        if (repo != null) {
            repo.close();
            repo = null;
        }
    }
}

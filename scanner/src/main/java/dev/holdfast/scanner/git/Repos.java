package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Opening repositories and sizing JGit's pack caches for whole-history reads. */
public final class Repos {
    private static volatile boolean tuned;

    private Repos() {
    }

    /** Opens the repository at {@code dir}: a working tree (with .git) or a bare repository. */
    public static Repository open(Path dir) throws IOException {
        File gitDir = RepositoryCache.FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IOException("not a git repository: " + dir);
        }
        return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
    }

    /**
     * The work tree that {@code dir} lies in, maybe below its top (git's own search, honouring GIT_DIR); null outside
     * git or in a bare repository.
     */
    public static Repository enclosingWorkTree(Path dir) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (b.getGitDir() == null) {
            return null;
        }
        Repository repo = b.build();
        if (repo.isBare()) {
            repo.close();
            return null;
        }
        return repo;
    }

    /**
     * JGit's defaults (10 MiB of pack windows, 10 MiB delta bases) make a whole-history read re-inflate the same
     * delta bases over and over. Larger caches, sized from the heap ({@link MemoryBudget}); installed once per
     * process.
     */
    static void tuneCaches() {
        if (tuned) {
            return;
        }
        synchronized (Repos.class) {
            if (tuned) {
                return;
            }
            MemoryBudget budget = MemoryBudget.ofThisJvm();
            WindowCacheConfig c = new WindowCacheConfig();
            c.setPackedGitLimit(budget.packWindows());
            c.setPackedGitWindowSize(64 * 1024);
            c.setDeltaBaseCacheLimit((int) budget.deltaBases());
            c.setPackedGitMMAP(false);
            c.install();
            tuned = true;
        }
    }
}

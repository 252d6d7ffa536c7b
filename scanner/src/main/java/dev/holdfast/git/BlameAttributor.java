package dev.holdfast.git;

import dev.holdfast.identity.CommitAuthorClassifier;
import dev.holdfast.model.Attribution;
import dev.holdfast.scan.LineAttributor;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tree-mode attribution: who last wrote a line, by JGit blame of the working-tree file (renames followed). One blame
 * per file, cached (bounded), so that many findings in a file cost one blame. Thread-safe.
 */
public final class BlameAttributor implements LineAttributor, AutoCloseable {
    private static final int MAX_CACHED_FILES = 512;

    private final Repository repo;
    private final boolean ownsRepo;
    private final String prefix;
    private final CommitAuthorClassifier identities;
    private final RevWalk rw;
    private final Map<String, BlameResult> blames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BlameResult> eldest) {
            return size() > MAX_CACHED_FILES;
        }
    };
    private final Map<String, Attribution> byCommit = new HashMap<>();

    /**
     * @param prefix where the scanned root sits inside the work tree ("" for the top, else "sub/dir/")
     */
    public BlameAttributor(Repository repo, String prefix, CommitAuthorClassifier identities) {
        this(repo, false, prefix, identities);
    }

    private BlameAttributor(Repository repo, boolean ownsRepo, String prefix, CommitAuthorClassifier identities) {
        this.repo = repo;
        this.ownsRepo = ownsRepo;
        this.prefix = prefix;
        this.identities = identities;
        this.rw = new RevWalk(repo);
    }

    /**
     * An attributor for a scanned directory, when it lies inside a git work tree with at least one commit; empty
     * otherwise (tree scans outside git carry no attribution).
     */
    public static Optional<BlameAttributor> forDirectory(Path root, CommitAuthorClassifier identities)
            throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        org.eclipse.jgit.storage.file.FileRepositoryBuilder b = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .readEnvironment().findGitDir(abs.toFile());
        if (b.getGitDir() == null) {
            return Optional.empty();
        }
        Repository repo = b.build();
        if (repo.isBare() || repo.resolve("HEAD^{commit}") == null) {
            repo.close();
            return Optional.empty();
        }
        File top = repo.getWorkTree().getCanonicalFile();
        String rel = top.toPath().relativize(abs.toFile().getCanonicalFile().toPath()).toString()
                .replace(File.separatorChar, '/');
        return Optional.of(new BlameAttributor(repo, true, rel.isEmpty() ? "" : rel + "/", identities));
    }

    /**
     * Who wrote {@code line} (1-based) of {@code path} (relative to the scanned root, '/' separated); null when the
     * line is not committed yet or the file is unknown to git.
     */
    @Override
    public synchronized Attribution attribute(String path, int line) {
        String full = prefix + path;
        BlameResult blame = blames.containsKey(full) ? blames.get(full) : blame(full);
        if (blame == null || line < 1 || line > blame.getResultContents().size()) {
            return null;
        }
        RevCommit c = blame.getSourceCommit(line - 1);
        if (c == null) {
            return null;
        }
        Attribution a = byCommit.get(c.name());
        if (a == null) {
            try {
                a = CommitAttribution.of(rw.parseCommit(c), c.name(), identities);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read commit " + c.abbreviate(12).name(), e);
            }
            byCommit.put(c.name(), a);
        }
        return a;
    }

    private BlameResult blame(String full) {
        BlameResult r;
        try {
            r = Git.wrap(repo).blame().setFilePath(full).setFollowFileRenames(true).call();
            if (r != null) {
                r.computeAll();
            }
        } catch (GitAPIException | IOException e) {
            r = null;
        }
        blames.put(full, r);
        return r;
    }

    @Override
    public synchronized void close() {
        rw.close();
        if (ownsRepo) {
            repo.close();
        }
    }
}

package dev.holdfast.scanner.source;

import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the files of a working tree: in a git repository the tracked files plus untracked files that are not ignored
 * (what `git ls-files -co --exclude-standard` shows); in a plain folder every regular file. Symbolic links are never
 * followed, so nothing outside the root is read.
 */
public final class WorkingTreeSource {
    private final Path root;

    public WorkingTreeSource(Path root) {
        this.root = root;
    }

    /** The git repository whose work tree is exactly {@code root}, or null. */
    public static Repository openRepository(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return null;
        }
        try {
            // Only the work tree is given: JGit then follows a `.git` file (worktrees, submodules) to the real gitdir.
            Repository repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                return null;
            }
            return repo;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Every file to scan, sorted by relative path. */
    public List<SourceFile> files() throws IOException {
        List<SourceFile> out;
        try (Repository repo = openRepository(root)) {
            out = repo != null ? gitFiles(repo) : plainFiles();
        }
        out.sort(Comparator.comparing(SourceFile::relative));
        return out;
    }

    private List<SourceFile> gitFiles(Repository repo) throws IOException {
        List<SourceFile> out = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.setRecursive(true);
            int index = walk.addTree(new DirCacheIterator(repo.readDirCache()));
            int work = walk.addTree(new FileTreeIterator(repo));
            while (walk.next()) {
                WorkingTreeIterator wt = walk.getTree(work, WorkingTreeIterator.class);
                if (wt == null) {
                    continue; // deleted in the work tree: nothing to read
                }
                boolean tracked = walk.getTree(index, DirCacheIterator.class) != null;
                if (!tracked && wt.isEntryIgnored()) {
                    continue;
                }
                String rel = walk.getPathString();
                Path abs = root.resolve(rel);
                if (Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new SourceFile(rel, abs));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    private List<SourceFile> plainFiles() throws IOException {
        List<SourceFile> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.add(new SourceFile(relative(file), file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                // Reported by the scanner when it tries to read; here we only list.
                out.add(new SourceFile(relative(file), file));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}

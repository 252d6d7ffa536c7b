package dev.holdfast.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The text files of a repository's working tree that code-to-cloud matching reads (no .git, no build output). */
public final class RepoFiles {
    private static final Set<String> SKIP_DIRS = Set.of(".git", "node_modules", "target", "build", ".terraform",
            "vendor", "dist", ".idea");
    private static final long MAX_SIZE = 2L * 1024 * 1024;

    /** A file's path relative to the root ('/' separated) and its lines. */
    public record TextFile(String path, List<String> lines) {
    }

    private RepoFiles() {
    }

    public static List<TextFile> read(Path root, Predicate<String> wanted) throws IOException {
        List<TextFile> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIP_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (attrs.isRegularFile() && attrs.size() <= MAX_SIZE && wanted.test(rel)) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (!binary(bytes)) {
                        out.add(new TextFile(rel, new String(bytes, StandardCharsets.UTF_8).lines().toList()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(java.util.Comparator.comparing(TextFile::path));
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

package dev.holdfast.reports;

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
     * else the working tree. Falls back to the working tree when {@code root} is not a git repository. The
     * repository is opened on first use and kept until {@link GitSources#close()}.
     */
    static SourceProvider git(Path root) {
        return new GitSources(root);
    }
}

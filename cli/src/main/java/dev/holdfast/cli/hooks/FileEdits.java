package dev.holdfast.cli.hooks;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Small, careful file operations for installing and removing hooks: atomic writes, modes, created folders. */
final class FileEdits {
    static final String EXECUTABLE = "rwxr-xr-x";

    private FileEdits() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] unbase64(String s) {
        return s == null ? null : Base64.getDecoder().decode(s);
    }

    /** The file's POSIX permissions, or null where the file system has none. */
    static String mode(Path file) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return v == null ? null : PosixFilePermissions.toString(v.readAttributes().permissions());
    }

    /** Creates the missing folders above {@code file}; returns them outermost first. */
    static List<String> createParents(Path file) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = file.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(file.getParent());
        return missing.stream().map(Path::toString).toList();
    }

    /** Removes folders this install created, innermost first, while they are empty. */
    static void removeCreated(List<String> dirs) throws IOException {
        if (dirs == null) {
            return;
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(Path.of(dirs.get(i)));
            } catch (DirectoryNotEmptyException e) {
                return; // someone else's files live there now
            }
        }
    }

    /** Writes through a temporary file beside the target and a rename, then sets {@code mode} (when not null). */
    static void write(Path file, byte[] content, String mode) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".holdfast.tmp");
        try {
            Files.write(tmp, content);
            if (mode != null && Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package dev.holdfast.scanner.change;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file as a commit would record it: a staged blob, or (for an agent's {@code git commit -a}) the work tree's file.
 *
 * @param path repository-relative, '/' separated
 * @param blob the staged blob, or null when the content is the work tree's
 * @param file the work-tree file, or null when the content is the staged blob
 */
public record PendingFile(String path, ObjectId blob, Path file) {

    public static PendingFile staged(String path, ObjectId blob) {
        return new PendingFile(path, blob, null);
    }

    public static PendingFile workTree(String path, Path file) {
        return new PendingFile(path, null, file);
    }

    public long size(ObjectReader reader) throws IOException {
        return blob != null ? reader.getObjectSize(blob, Constants.OBJ_BLOB) : Files.size(file);
    }

    public byte[] read(ObjectReader reader) throws IOException {
        return blob != null ? reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE)
                : Files.readAllBytes(file);
    }
}

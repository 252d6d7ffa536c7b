package dev.holdfast.scanner.source;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One document a {@link Source} yields.
 *
 * @param path   relative to the repository or scanned folder, '/' separated
 * @param commit the commit it was first seen in; null for the working tree
 * @param text   its text as git reads it (the first reading of {@code scan.ContentSniffer}), UTF-8
 */
public record SourceDocument(String path, String commit, byte[] text) {
    public List<String> lines() {
        return new String(text, StandardCharsets.UTF_8).lines().toList();
    }
}

package dev.holdfast.detect;

import java.nio.charset.StandardCharsets;

/**
 * A piece of content to scan: a file in a working tree, a blob in history, a cloud response rendered as text.
 *
 * @param path    relative, '/' separated; detectors pick their parser by it
 * @param content the raw bytes (a detector decodes them as it needs)
 */
public record Document(String path, byte[] content) {

    /** The content as UTF-8 text, malformed sequences replaced. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The file name after the last '/'. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}

package dev.holdfast.detect;

import java.nio.charset.StandardCharsets;

/**
 * A piece of content to scan: a file in a working tree, a blob in history, a cloud response rendered as text. Every
 * detector of a scan sees the same document, so its text is decoded once and shared.
 */
public final class Document {
    private final String path;
    private final byte[] content;
    private volatile String text;

    /**
     * @param path    relative, '/' separated; detectors pick their parser by it
     * @param content the raw bytes (a detector decodes them as it needs)
     */
    public Document(String path, byte[] content) {
        this.path = path;
        this.content = content;
    }

    public String path() {
        return path;
    }

    public byte[] content() {
        return content;
    }

    /** The content as UTF-8 text, malformed sequences replaced; decoded on first use. */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(content, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    /** The file name after the last '/'. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "Document[" + path + ", " + content.length + " bytes]";
    }
}

package dev.holdfast.rules.detect;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * A piece of content to scan: a file in a working tree, a blob in history, a cloud response rendered as text. Every
 * detector of a scan sees the same document, so its text is decoded once and shared.
 */
public final class Document {
    private final String path;
    private final byte[] content;
    private final BitSet changedLines;
    private volatile String text;

    /**
     * @param path    relative, '/' separated; detectors pick their parser by it
     * @param content the raw bytes (a detector decodes them as it needs)
     */
    public Document(String path, byte[] content) {
        this(path, content, null);
    }

    /**
     * A later version of a file in history, shown in part: its changed lines and the unchanged lines around them.
     *
     * @param changedLines the 0-based indexes (lines split at '\n') of the lines not seen in an earlier version of
     *                     the same path; null when every line is to be read
     */
    public Document(String path, byte[] content, BitSet changedLines) {
        this.path = path;
        this.content = content;
        this.changedLines = changedLines == null ? null : (BitSet) changedLines.clone();
    }

    public String path() {
        return path;
    }

    public byte[] content() {
        return content;
    }

    /**
     * Which lines changed, when this is part of a later version: the other lines are context, each already read when
     * an earlier version of the path was scanned. A detector whose verdict on a line depends on that line alone may
     * skip them, since it reported what they hold the first time; one that reads across lines (a PEM body, a key split
     * over two lines) must read them. Null when every line is new.
     */
    public BitSet changedLines() {
        return changedLines == null ? null : (BitSet) changedLines.clone();
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

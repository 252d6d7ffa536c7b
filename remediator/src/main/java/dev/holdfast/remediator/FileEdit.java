package dev.holdfast.remediator;

import java.nio.charset.StandardCharsets;

/**
 * One file's change: its content at HEAD and the content the fix gives it.
 *
 * @param path   relative to the repository root, '/' separated
 * @param before the file at HEAD
 * @param after  the file once fixed
 */
public record FileEdit(String path, byte[] before, byte[] after) {

    public String afterText() {
        return new String(after, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never render the content: it may hold the secret being removed.
        return "FileEdit[" + path + "]";
    }
}

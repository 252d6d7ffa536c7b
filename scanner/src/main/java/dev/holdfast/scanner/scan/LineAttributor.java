package dev.holdfast.scanner.scan;

import dev.holdfast.rules.model.Attribution;

/** Says who introduced a line of a working-tree file (git blame); returns null when it cannot tell. */
@FunctionalInterface
public interface LineAttributor {
    LineAttributor NONE = (path, line) -> null;

    Attribution attribute(String path, int line);
}

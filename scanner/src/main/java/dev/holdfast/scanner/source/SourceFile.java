package dev.holdfast.scanner.source;

import java.nio.file.Path;

/**
 * A file a source offers for scanning.
 *
 * @param relative '/' separated, relative to the scanned root
 * @param absolute where to read it
 */
public record SourceFile(String relative, Path absolute) {
}

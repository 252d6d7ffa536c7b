package dev.holdfast.reports;

import java.nio.file.Path;

/**
 * What renderers may need beyond the result.
 *
 * @param root    the scanned directory, for formats that read source lines (SARIF line hashes); may be null
 * @param version the tool version
 * @param colour  ANSI colour allowed (text on a terminal)
 */
public record ReportContext(Path root, String version, boolean colour) {
}

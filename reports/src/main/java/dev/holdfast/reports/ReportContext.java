package dev.holdfast.reports;

import java.nio.file.Path;

/**
 * What renderers may need beyond the result.
 *
 * @param root           the scanned directory, for formats that read source lines (SARIF line hashes); may be null
 * @param version        the tool version
 * @param colour         ANSI colour allowed (text on a terminal)
 * @param informationUri where users read about the tool (SARIF {@code tool.driver.informationUri})
 * @param sources        the scanned files, for line hashes; {@link SourceProvider#none()} when unavailable
 * @param warnings       collects what a report left out or could not compute; the CLI prints them on stderr
 */
public record ReportContext(Path root, String version, boolean colour, String informationUri,
                            SourceProvider sources, ReportWarnings warnings) {

    public static final String DEFAULT_INFORMATION_URI = "https://github.com/holdfast-dev/holdfast";

    public ReportContext {
        version = version == null ? "0.0.0" : version;
        informationUri = informationUri == null ? DEFAULT_INFORMATION_URI : informationUri;
        sources = sources != null ? sources : root != null ? SourceProvider.git(root) : SourceProvider.none();
        warnings = warnings == null ? new ReportWarnings() : warnings;
    }

    /** The usual context of a CLI run: files read from {@code root} (git-aware), fresh warnings. */
    public ReportContext(Path root, String version, boolean colour) {
        this(root, version, colour, null, null, null);
    }

    /** No files, fresh warnings: for outputs that need no file text, and tests. */
    public static ReportContext minimal(String version) {
        return new ReportContext(null, version, false);
    }

    /** Files from the given provider, fresh warnings. */
    public static ReportContext withSources(String version, SourceProvider sources) {
        return new ReportContext(null, version, false, null, sources, null);
    }
}

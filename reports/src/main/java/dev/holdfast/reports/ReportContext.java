package dev.holdfast.reports;

import java.nio.file.Path;

/**
 * What a report needs besides the scan result.
 *
 * @param toolVersion    the holdfast version written into reports
 * @param informationUri where users read about the tool (SARIF {@code tool.driver.informationUri})
 * @param sources        the scanned files, for line hashes; {@link SourceProvider#none()} when unavailable
 * @param warnings       collects what a report left out; the CLI prints them
 */
public record ReportContext(String toolVersion, String informationUri, SourceProvider sources,
                            ReportWarnings warnings) {

    public static final String DEFAULT_INFORMATION_URI = "https://github.com/holdfast-dev/holdfast";

    public ReportContext {
        toolVersion = toolVersion == null ? "0.0.0" : toolVersion;
        informationUri = informationUri == null ? DEFAULT_INFORMATION_URI : informationUri;
        sources = sources == null ? SourceProvider.none() : sources;
        warnings = warnings == null ? new ReportWarnings() : warnings;
    }

    /** The usual context of a CLI run: files read from the scanned root (git-aware), fresh warnings. */
    public static ReportContext forRoot(String toolVersion, Path root) {
        return new ReportContext(toolVersion, null, root == null ? SourceProvider.none() : SourceProvider.git(root),
                new ReportWarnings());
    }

    /** No files, fresh warnings: for tests and outputs that do not need file text. */
    public static ReportContext minimal(String toolVersion) {
        return new ReportContext(toolVersion, null, SourceProvider.none(), new ReportWarnings());
    }
}

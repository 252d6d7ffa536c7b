package dev.holdfast.reports;

import dev.holdfast.reports.github.AnnotationsReport;
import dev.holdfast.reports.github.OutputsReport;
import dev.holdfast.reports.html.HtmlReport;
import dev.holdfast.reports.markdown.MarkdownReport;
import dev.holdfast.reports.sarif.SarifReport;

import java.util.List;
import java.util.Locale;

/** The one place that maps a {@code --format} / {@code --report FORMAT=FILE} name to its report. */
public final class Reports {
    /** Every format name, in the order the help lists them. */
    public static final List<String> FORMATS = List.of("text", "json", SarifReport.FORMAT, MarkdownReport.FORMAT,
            HtmlReport.FORMAT, AnnotationsReport.FORMAT, OutputsReport.FORMAT);

    private Reports() {
    }

    /**
     * @throws IllegalArgumentException for an unknown name (the CLI turns it into a usage error)
     */
    public static Report forFormat(String name, ReportContext ctx) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case SarifReport.FORMAT -> new SarifReport(ctx);
            case MarkdownReport.FORMAT, "md" -> new MarkdownReport(ctx);
            case HtmlReport.FORMAT -> new HtmlReport(ctx);
            case AnnotationsReport.FORMAT -> new AnnotationsReport();
            case OutputsReport.FORMAT -> new OutputsReport();
            // "text" and "json" are the lead's TextReport and JsonReport: add their cases here when merging.
            default -> throw new IllegalArgumentException("unknown report format '" + name + "' (expected one of "
                    + String.join(", ", FORMATS) + ")");
        };
    }
}

package dev.holdfast.reports;

import dev.holdfast.reports.github.AnnotationsReport;
import dev.holdfast.reports.github.OutputsReport;
import dev.holdfast.reports.html.HtmlReport;
import dev.holdfast.reports.markdown.MarkdownReport;
import dev.holdfast.reports.sarif.SarifReport;

import java.util.List;

/** The report formats by name: the one place that maps {@code --format} / {@code --report FORMAT=FILE} to a report. */
public final class Reports {
    public static final List<String> FORMATS = List.of("text", "json", SarifReport.FORMAT, MarkdownReport.FORMAT,
            HtmlReport.FORMAT, AnnotationsReport.FORMAT, OutputsReport.FORMAT);

    private Reports() {
    }

    /**
     * @throws IllegalArgumentException for an unknown format
     */
    public static Report forFormat(String name, ReportContext context) {
        return switch (name) {
            case "text" -> new TextReport(context.colour());
            case "json" -> new JsonReport(context.version());
            case SarifReport.FORMAT -> new SarifReport(context);
            case MarkdownReport.FORMAT -> new MarkdownReport(context);
            case HtmlReport.FORMAT -> new HtmlReport(context);
            case AnnotationsReport.FORMAT -> new AnnotationsReport();
            case OutputsReport.FORMAT -> new OutputsReport();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (known: "
                    + String.join(", ", FORMATS) + ")");
        };
    }
}

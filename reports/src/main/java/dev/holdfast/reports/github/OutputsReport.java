package dev.holdfast.reports.github;

import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.Report;
import dev.holdfast.reports.ReportText;
import dev.holdfast.scanner.scan.ScanResult;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * {@code key=value} lines for {@code $GITHUB_OUTPUT}: the counts the action exposes as step outputs, computed here so
 * that the action's shell script never parses JSON.
 */
public final class OutputsReport implements Report {
    public static final String FORMAT = "github-output";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        Map<Status, Integer> st = ReportText.byStatus(result.findings());
        int present = st.get(Status.NEW) + st.get(Status.EXISTING) + st.get(Status.REGRESSED);
        out.write("findings=" + present + "\n");
        out.write("regressions=" + st.get(Status.REGRESSED) + "\n");
        out.write("new=" + st.get(Status.NEW) + "\n");
        out.write("fixed=" + st.get(Status.FIXED) + "\n");
        out.write("partial=" + result.partial() + "\n");
        out.flush();
    }
}

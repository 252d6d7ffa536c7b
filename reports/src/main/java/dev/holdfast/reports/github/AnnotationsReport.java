package dev.holdfast.reports.github;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.Report;
import dev.holdfast.reports.ReportText;
import dev.holdfast.scanner.scan.ScanResult;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * GitHub workflow commands ({@code ::error file=…,line=…::message}) for the most important findings: at most
 * {@link #MAX_ANNOTATIONS}, regressions and the most severe first, then one {@code ::notice} counting the rest. GitHub
 * shows only a handful per step anyway; more would bury the ones that matter. In event mode a first
 * {@code ::notice} says what the event brought to scan.
 */
public final class AnnotationsReport implements Report {
    public static final String FORMAT = "github-annotations";
    public static final int MAX_ANNOTATIONS = 10;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        List<Finding> present = result.findings().stream().filter(f -> f.status() != Status.FIXED)
                .sorted(ReportText.ATTENTION).toList();
        if (result.target() != null && result.target().scope() != null) {
            // What an event asked to scan, e.g. "new tag v1.2 … nothing new to scan": one notice, first.
            out.write("::notice title=holdfast::" + data(ReportText.oneLine(result.target().scope())) + "\n");
        }
        int n = 0;
        for (Finding f : present) {
            if (n++ == MAX_ANNOTATIONS) {
                break;
            }
            out.write(annotation(f));
            out.write('\n');
        }
        if (present.size() > MAX_ANNOTATIONS) {
            out.write("::notice title=holdfast::" + data((present.size() - MAX_ANNOTATIONS)
                    + " more finding(s) not annotated; see the job summary and the SARIF upload") + "\n");
        }
        out.flush();
    }

    static String annotation(Finding f) {
        String level = f.severity().atLeast(Severity.HIGH) ? "error" : "warning";
        StringBuilder props = new StringBuilder();
        Location l = f.location();
        if (l != null && l.path() != null) {
            props.append("file=").append(property(l.path()));
            if (l.line() > 0) {
                props.append(",line=").append(l.line());
                if (l.column() > 0) {
                    props.append(",col=").append(l.column());
                }
            }
            props.append(',');
        }
        String title = (f.status() == Status.REGRESSED ? "Regression: " : "") + "holdfast " + f.ruleId() + " ("
                + f.severity().id() + ")";
        props.append("title=").append(property(title));
        StringBuilder msg = new StringBuilder(ReportText.oneLine(f.message()));
        if (l != null && l.path() == null && l.resource() != null) {
            msg.append(" [").append(l.resource()).append(']');
        }
        msg.append(". Introduced by ").append(ReportText.who(f));
        if (f.status() == Status.REGRESSED && f.fixedBy() != null) {
            msg.append("; undoes fix ").append(ReportText.fix(f));
        }
        return "::" + level + " " + props + "::" + data(msg.toString());
    }

    /**
     * Escaping of the message part, as @actions/core does it; other control characters (ESC, BEL from author names or
     * file names) are dropped, since the Actions log would interpret them as terminal escapes.
     */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                .replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202e]", "?");
    }

    /** Escaping of a property value, as @actions/core does it. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}

package dev.holdfast.reports;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.Sanitize;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;

/**
 * The report for people at a terminal: one block per finding, regressions spelled out. Everything that came from the
 * scanned repository (paths, author names, messages) is sanitised, so a hostile commit cannot drive the terminal.
 */
public final class TextReport implements Report {
    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        for (Finding f : result.findings()) {
            out.write(header(f));
            out.write('\n');
            out.write("    " + s(f.message()) + (f.redacted() == null || f.redacted().isEmpty() ? ""
                    : "  [" + s(f.redacted()) + "]") + "\n");
            Attribution a = f.introducedBy();
            if (a != null) {
                out.write("    " + (f.status() == Status.REGRESSED ? "brought back by " : "introduced by ")
                        + who(a) + "\n");
            }
            FixRef fx = f.fixedBy();
            if (fx != null) {
                out.write("    undoes the fix " + shortId(fx.commit()) + " by " + s(fx.name())
                        + (fx.date() == null ? "" : " on " + fx.date().toString().substring(0, 10)) + "\n");
            }
            if (f.remediation() != null && !f.remediation().isBlank() && f.status() != Status.FIXED) {
                out.write("    fix: " + s(firstLine(f.remediation())) + "\n");
            }
            out.write("    fingerprint " + f.fingerprint() + "\n\n");
        }
        for (ScanWarning w : result.warnings()) {
            out.write("warning: " + (w.path() == null ? "" : s(w.path()) + ": ") + s(w.reason()) + "\n");
        }
        Summary sum = Summary.of(result);
        out.write(summaryLine(result, sum) + "\n");
        String who = sum.identitySentence();
        if (who != null) {
            out.write(who + "\n");
        }
        if (result.partial()) {
            out.write("PARTIAL: part of the target could not be scanned (see warnings); this is not a clean result\n");
        }
        out.flush();
    }

    private String header(Finding f) {
        String where = f.location().path() != null
                ? s(f.location().path()) + (f.location().line() > 0 ? ":" + f.location().line() : "")
                : s(f.location().resource());
        if (f.location().commit() != null && f.location().path() != null) {
            where += " @" + shortId(f.location().commit());
        }
        String sev = paint(f.severity(), f.severity().id().toUpperCase(java.util.Locale.ROOT));
        String status = f.status() == Status.NEW ? "" : " (" + f.status().id() + ")";
        if (FindingProperty.isTrue(FindingProperty.ACCEPTANCE_EXPIRED, f)) {
            status += " (accepted risk, acceptance expired)";
        } else if (FindingProperty.isTrue(FindingProperty.ACCEPTED, f)) {
            status += " (accepted risk)";
        }
        if (f.status() == Status.REGRESSED) {
            status = " " + (colour ? "\u001b[1;35mREGRESSED\u001b[0m" : "REGRESSED");
        }
        return where + "  " + sev + "  " + f.ruleId() + status;
    }

    private String who(Attribution a) {
        StringBuilder b = new StringBuilder();
        b.append(s(a.name()));
        if (a.email() != null) {
            b.append(" <").append(s(a.email())).append('>');
        }
        if (a.kind() != null) {
            b.append(" (").append(a.kind().id());
            if (a.onBehalfOf() != null) {
                b.append(" on behalf of ").append(s(a.onBehalfOf().name()));
            }
            b.append(')');
        }
        if (a.commit() != null) {
            b.append(" in ").append(shortId(a.commit()));
        }
        if (a.date() != null) {
            b.append(" on ").append(a.date().toString(), 0, 10);
        }
        return b.toString();
    }

    private static String summaryLine(ScanResult result, Summary sum) {
        if (sum.total() == 0 && sum.byStatus().getOrDefault(Status.FIXED, 0) == 0) {
            return result.partial() ? "no findings in the part that could be scanned" : "no findings";
        }
        String bySev = sum.bySeverity().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", "));
        String byStatus = sum.byStatus().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", "));
        return sum.total() + (sum.total() == 1 ? " finding" : " findings")
                + (bySev.isEmpty() ? "" : " (" + bySev + ")") + "; " + byStatus;
    }

    private String paint(Severity sev, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (sev) {
            case CRITICAL -> "1;31";
            case HIGH -> "31";
            case MEDIUM -> "33";
            case LOW -> "36";
            case INFO -> "37";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String shortId(String commit) {
        return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
    }

    private static String s(String text) {
        return Sanitize.oneLine(text);
    }
}

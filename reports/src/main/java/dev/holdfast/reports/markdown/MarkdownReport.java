package dev.holdfast.reports.markdown;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.AgentGrantGroups;
import dev.holdfast.reports.Report;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.ReportText;
import dev.holdfast.scanner.scan.ScanResult;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.holdfast.reports.markdown.Md.code;

/**
 * The GitHub job summary ({@code $GITHUB_STEP_SUMMARY}): regressions first and prominent, then every other finding
 * most severe first, each with who introduced it, then agent grants per file and agent. GitHub refuses summaries over 1 MiB, so tables are cut with a
 * count of what was left out, well before that.
 */
public final class MarkdownReport implements Report {
    public static final String FORMAT = "markdown";
    /** GitHub's limit is 1 MiB per step summary; stay clearly under it. */
    public static final int DEFAULT_MAX_BYTES = 1_000_000;
    public static final int DEFAULT_MAX_ROWS = 200;

    private final ReportContext ctx;
    private final int maxRows;
    private final int maxBytes;

    public MarkdownReport(ReportContext ctx) {
        this(ctx, DEFAULT_MAX_ROWS, DEFAULT_MAX_BYTES);
    }

    public MarkdownReport(ReportContext ctx, int maxRows, int maxBytes) {
        this.ctx = ctx;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        out.write(summary(result));
        out.flush();
    }

    public String summary(ScanResult result) {
        List<Finding> all = result.findings();
        List<Finding> regressions = all.stream().filter(f -> f.status() == Status.REGRESSED)
                .sorted(ReportText.SEVERITY_FIRST).toList();
        List<Finding> others = all.stream().filter(f -> f.status() == Status.NEW || f.status() == Status.EXISTING)
                .sorted(ReportText.SEVERITY_FIRST).toList();
        List<Finding> fixed = all.stream().filter(f -> f.status() == Status.FIXED).toList();
        long present = regressions.size() + others.size();
        long withoutFile = all.stream().filter(f -> f.status() != Status.FIXED)
                .filter(f -> f.location() == null || f.location().path() == null).count();

        Budget b = new Budget(maxBytes - 2_000);
        b.line("## Holdfast: " + headline(present, regressions.size(), result.partial()));
        b.line("");
        b.line(target(result));
        b.line("");
        if (result.partial()) {
            b.line("> **The scan was incomplete**: part of the target could not be read (see warnings below). "
                    + "This result is not a clean bill of health.");
            b.line("");
        }
        if (!regressions.isEmpty()) {
            b.line("> [!CAUTION]");
            b.line("> **" + regressions.size() + " fix" + (regressions.size() == 1 ? "" : "es")
                    + " came undone.** Findings that were fixed once are back. Each row says who brought it back and"
                    + " which fix it undoes; `holdfast fix` reapplies the fix.");
            b.line("");
        }
        b.line(countsTable(result));
        b.line("");

        if (!regressions.isEmpty()) {
            b.line("### Regressions: fixes that came undone");
            b.line("");
            b.line("| Severity | Rule | Where | Who brought it back | When | Fix it undoes |");
            b.line("|---|---|---|---|---|---|");
            rows(b, regressions, f -> "| " + sev(f.severity()) + " | " + code(f.ruleId()) + " | "
                    + Md.text(ReportText.where(f)) + " | " + Md.text(ReportText.who(f)) + " | "
                    + Md.text(ReportText.when(f)) + " | " + Md.text(ReportText.fix(f)) + " |", 6);
            b.line("");
        }
        if (!others.isEmpty()) {
            b.line("### Findings");
            b.line("");
            b.line("| Severity | Status | Rule | Where | Evidence | Who (kind) | Message |");
            b.line("|---|---|---|---|---|---|---|");
            rows(b, others, f -> "| " + sev(f.severity()) + " | " + f.status().id() + " | " + code(f.ruleId())
                    + " | " + Md.text(ReportText.where(f)) + " | " + Md.text(f.redacted()) + " | "
                    + Md.text(ReportText.who(f)) + " | " + Md.text(f.message()) + " |", 7);
            b.line("");
        }
        agentGrants(b, result);
        if (present == 0) {
            b.line(result.partial() ? "No findings in the part that could be scanned." : "No findings. :tada:");
            b.line("");
        }
        if (withoutFile > 0) {
            b.line("_" + withoutFile + " cloud finding(s) have no file in the repository; they are listed here "
                    + "but not uploaded to code scanning._");
            b.line("");
        }
        if (!fixed.isEmpty()) {
            b.line("### Fixed since the baseline: " + fixed.size());
            b.line("");
            rows(b, fixed, f -> "- " + code(f.ruleId()) + " " + Md.text(ReportText.where(f)), 0);
            b.line("");
        }
        if (!result.warnings().isEmpty()) {
            b.line("### Scan warnings");
            b.line("");
            rows(b, result.warnings(), w -> "- " + (w.path() == null ? "" : Md.text(w.path()) + ": ")
                    + Md.text(w.reason()), 0);
            b.line("");
        }
        b.force("<sub>holdfast " + Md.text(ctx.version()) + "</sub>");
        return b.text();
    }

    /** Agent grants per file and per agent, with what changed since the baseline. */
    private void agentGrants(Budget b, ScanResult result) {
        List<AgentGrantGroups.Group> groups = AgentGrantGroups.of(result);
        if (groups.isEmpty()) {
            return;
        }
        b.line("### Agent grants");
        b.line("");
        for (AgentGrantGroups.Group g : groups) {
            b.line("#### " + code(g.path()) + " · " + Md.text(g.agent()) + ": " + g.changes());
            b.line("");
            b.line("| Change | Severity | Grant or finding | Rule | Who | Fix it undoes |");
            b.line("|---|---|---|---|---|---|");
            rows(b, g.findings(), f -> "| " + f.status().id() + " | " + sev(f.severity()) + " | "
                    + code(f.redacted()) + " | " + code(f.ruleId()) + " | " + Md.text(ReportText.who(f)) + " | "
                    + Md.text(ReportText.fix(f)) + " |", 6);
            b.line("");
        }
    }

    private static String headline(long present, int regressions, boolean partial) {
        String s = present == 0 ? "no findings" : present + " finding" + (present == 1 ? "" : "s");
        if (regressions > 0) {
            s = regressions + " regression" + (regressions == 1 ? "" : "s") + ", " + s;
        }
        return partial ? s + " (incomplete scan)" : s;
    }

    private static String target(ScanResult r) {
        if (r.target() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("**Target:** ").append(Md.text(r.target().path()));
        if (r.target().commit() != null) {
            sb.append(" at ").append(code(ReportText.shortSha(r.target().commit())));
        }
        sb.append(" · mode ").append(Md.text(r.target().mode()));
        if (r.target().scope() != null) {
            sb.append("  \n**Scope:** ").append(Md.text(r.target().scope()));
        }
        return sb.toString();
    }

    private static String countsTable(ScanResult r) {
        Map<Severity, Integer> sev = ReportText.bySeverity(r.findings());
        Map<Status, Integer> st = ReportText.byStatus(r.findings());
        StringBuilder sb = new StringBuilder("| ");
        for (Severity s : Severity.values()) {
            sb.append(s.id()).append(" | ");
        }
        sb.append("regressed | new | existing | fixed |\n|");
        sb.append("---:|".repeat(Severity.values().length + 4)).append("\n| ");
        for (Severity s : Severity.values()) {
            sb.append(sev.get(s)).append(" | ");
        }
        sb.append(st.get(Status.REGRESSED)).append(" | ").append(st.get(Status.NEW)).append(" | ")
                .append(st.get(Status.EXISTING)).append(" | ").append(st.get(Status.FIXED)).append(" |");
        return sb.toString();
    }

    private <T> void rows(Budget b, List<T> list, Function<T, String> row, int cols) {
        int shown = 0;
        for (T f : list) {
            if (shown >= maxRows || !b.fits(row.apply(f))) {
                break;
            }
            b.line(row.apply(f));
            shown++;
        }
        if (shown < list.size()) {
            String more = "… and " + (list.size() - shown) + " more";
            b.force(cols == 0 ? "- " + more : "| " + more + " |" + " |".repeat(cols - 1));
            if (cols > 0) {
                ctx.warnings().add("Markdown: " + (list.size() - shown) + " row(s) left out of the summary");
            }
        }
    }

    static String sev(Severity s) {
        return switch (s) {
            case CRITICAL -> "**critical**";
            case HIGH -> "**high**";
            default -> s.id();
        };
    }

    /** Accumulates lines while they fit in the byte budget (UTF-8). */
    private static final class Budget {
        private final StringBuilder sb = new StringBuilder();
        private final int limit;
        private int bytes;

        Budget(int limit) {
            this.limit = limit;
        }

        boolean fits(String line) {
            return bytes + line.getBytes(StandardCharsets.UTF_8).length + 1 <= limit;
        }

        void line(String line) {
            if (fits(line)) {
                force(line);
            }
        }

        void force(String line) {
            sb.append(line).append('\n');
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }

        String text() {
            return sb.toString();
        }
    }
}

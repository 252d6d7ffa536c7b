package dev.holdfast.reports.markdown;

import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.Golden;
import dev.holdfast.reports.ReportContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    private static String render(MarkdownReport report, dev.holdfast.scanner.scan.ScanResult r) throws IOException {
        StringWriter out = new StringWriter();
        report.render(r, out);
        return out.toString();
    }

    @Test
    void summaryOfAMixedScan() throws IOException {
        String md = render(new MarkdownReport(ReportContext.minimal("1.2.3")), Fixtures.mixed());
        Golden.assertMatches("summary-mixed.md", md);
        // Regressions come before every other finding, and the most severe first.
        assertThat(md.indexOf("Regressions: fixes that came undone")).isLessThan(md.indexOf("### Findings"));
        assertThat(md.indexOf("aws-access-key")).isLessThan(md.indexOf("aws-user-static-key"));
        // Hostile author names render as text.
        assertThat(md).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void summaryOfACleanScan() throws IOException {
        Golden.assertMatches("summary-empty.md", render(new MarkdownReport(ReportContext.minimal("1.2.3")),
                Fixtures.empty()));
    }

    @Test
    void longSummariesAreCutWithACount() throws IOException {
        ReportContext ctx = ReportContext.minimal("1.2.3");
        String md = render(new MarkdownReport(ctx, 5, 1_000_000), Fixtures.many(30));
        Golden.assertMatches("summary-truncated.md", md);
        assertThat(md).contains("… and 20 more");
        assertThat(ctx.warnings().list()).isNotEmpty();
    }

    @Test
    void staysUnderTheByteBudgetHoweverManyFindings() throws IOException {
        String md = render(new MarkdownReport(ReportContext.minimal("1.2.3"), 100_000, 20_000), Fixtures.many(3000));
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20_000);
        assertThat(md).contains("more").endsWith("<sub>holdfast 1.2.3</sub>\n");
        String big = render(new MarkdownReport(ReportContext.minimal("1.2.3")), Fixtures.many(5_000));
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
    }

    @Test
    void agentGrantsArePerFileAndAgentWithWhatChanged() throws IOException {
        String md = render(new MarkdownReport(ReportContext.minimal("1.2.3")), Fixtures.agentGrants());
        Golden.assertMatches("summary-agent-grants.md", md);
        assertThat(md).contains("### Agent grants", "#### `.claude/settings.json` · Claude Code: 2 regressed, 1 new, "
                + "1 fixed", "#### `.mcp.json` · Claude Code: 1 new");
        assertThat(md.indexOf("### Agent grants")).isGreaterThan(md.indexOf("### Findings"));
        assertThat(md).doesNotContain(Fixtures.GH_TOKEN);
    }
}

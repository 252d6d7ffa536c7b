package dev.holdfast.reports.html;

import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.ReportContext;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTML says, checked on the text; {@link HtmlReportBrowserTest} checks what a browser makes of it. */
class HtmlReportTest {
    private static final Pattern REMOTE = Pattern.compile(
            "(?i)(src|href|action|srcset|poster|data)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:)|url\\(|@import|https?://");

    private final String html = new HtmlReport(ReportContext.minimal("1.2.3")).html(Fixtures.mixed());

    @Test
    void referencesNothingRemote() {
        assertThat(REMOTE.matcher(html).find()).as("remote reference in the HTML").isFalse();
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(html).doesNotContain("<link", "<img", "<iframe");
    }

    @Test
    void escapesHostileText() {
        assertThat(html).doesNotContain("<script>alert");
        assertThat(html).contains("Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | &#96;rm&#96; &amp; &quot;co&quot;");
        // Exactly one script element: ours.
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void hasEverySection() {
        assertThat(html).contains("id=\"summary\"", "id=\"regressions\"", "id=\"findings-table\"", "id=\"privilege\"",
                "id=\"identity-chart\"", "id=\"warnings\"");
        // Regressions say who, when and which fix.
        assertThat(html).contains("Copilot (agent, for Alice Admin)", "c0ffee111111 on 2026-11-20",
                "beef22222222 by Bob Builder on 2026-10-01");
        // Privilege creep: both findings on the report-agent role land under that principal.
        int at = html.indexOf("data-principal=\"" + Html.esc("arn:aws:iam::123456789012:role/agents/report-agent") + "\"");
        assertThat(at).isPositive();
        assertThat(html.substring(at)).contains("2 grant(s) flagged, 1 new or regressed");
        // Share by identity kind: 6 present findings, 2 by agents.
        assertThat(html).containsPattern("<tr data-kind=\"agent\">.*?<td>AI agents</td><td>2</td><td>33%</td>");
        assertThat(html).containsPattern("<path data-kind=\"agent\" d=\"M110.00 110.00L");
    }

    @Test
    void urlsInFindingTextDoNotReadAsRemoteReferences() {
        dev.holdfast.rules.model.Finding f = Fixtures.newGithubToken();
        dev.holdfast.rules.model.Finding webhook = new dev.holdfast.rules.model.Finding(f.fingerprint(), "slack-webhook",
                f.category(), f.severity(), f.status(), "Slack webhook https://hooks.slack.com/services/T0…",
                f.location(), "https://hooks.slack.com/services/T0…", f.introducedBy(), null, null, null);
        String page = new HtmlReport(ReportContext.minimal("1")).html(new dev.holdfast.scanner.scan.ScanResult(
                Fixtures.mixed().target(), java.util.List.of(webhook), Fixtures.rules(), java.util.List.of(), false));
        assertThat(REMOTE.matcher(page).find()).isFalse();
        assertThat(page).contains("https&#58;//hooks.slack.com/services/T0…");
    }

    @Test
    void cutsVeryLongTablesWithACount() {
        ReportContext ctx = ReportContext.minimal("1");
        String big = new HtmlReport(ctx, 10).html(Fixtures.many(25));
        assertThat(big).contains("… and 15 more");
        assertThat(ctx.warnings().list()).contains("HTML: 15 finding(s) left out of the table");
    }

    @Test
    void agentGrantsArePerFileAndAgentWithWhatChanged() {
        String page = new HtmlReport(ReportContext.minimal("1")).html(Fixtures.agentGrants());
        assertThat(page).contains("id=\"agent-grants\"", "Agent grants per file and agent (3)");
        int settings = page.indexOf("data-file=\".claude/settings.json\" data-agent=\"Claude Code\"");
        int mcp = page.indexOf("data-file=\".mcp.json\" data-agent=\"Claude Code\"");
        int workflow = page.indexOf("data-file=\".github/workflows/claude.yml\" data-agent=\""
                + Html.esc("Claude Code@claude/claude") + "\"");
        assertThat(settings).isPositive().isLessThan(workflow);
        assertThat(workflow).isLessThan(mcp);
        String group = page.substring(settings, workflow);
        assertThat(group).contains("2 regressed, 1 new, 1 fixed");
        // Regressed first (with the narrowing it undoes), then new, then the grant the baseline lost.
        assertThat(group.indexOf("data-status=\"regressed\"")).isLessThan(group.indexOf("data-status=\"new\""));
        assertThat(group.indexOf("data-status=\"new\"")).isLessThan(group.indexOf("data-status=\"fixed\""));
        assertThat(group).contains("b0b066666666 by Bob Chen on 2026-02-10", "Claude (agent, for Carol Diaz)",
                Html.esc("mcp:postgres/*"), "data-kind=\"grant\"", "data-kind=\"risk\"");
        // The ordinary finding is not an agent grant.
        assertThat(page.substring(page.indexOf("id=\"agent-grants\""), page.indexOf("id=\"identities\"")))
                .doesNotContain("aws-access-key");
    }

    @Test
    void noAgentGrantsSaysSo() {
        assertThat(html).contains("Agent grants per file and agent (0)", "No coding agent's permissions changed.");
    }
}

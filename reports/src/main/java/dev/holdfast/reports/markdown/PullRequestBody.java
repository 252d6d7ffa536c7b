package dev.holdfast.reports.markdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.model.Category;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Status;
import dev.holdfast.reports.ReportText;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Title and body of a pull request that reapplies removed fixes, for the people who review it: what regressed and
 * where, who brought it back, which fix it undoes, what the change does, and what to rotate. Ends with a hidden
 * {@code <!-- holdfast:meta {...} -->} comment so that a later run can find and update its own pull request.
 */
public final class PullRequestBody {
    public static final String META_PREFIX = "<!-- holdfast:meta ";
    private static final Pattern META = Pattern.compile("<!-- holdfast:meta (\\{.*?}) -->", Pattern.DOTALL);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** GitHub refuses PR bodies over 65,536 characters. */
    private static final int MAX_ROWS = 100;

    private PullRequestBody() {
    }

    /** A short title naming the rule and place for one finding, or the count for several. */
    public static String title(PullRequestContent c) {
        List<Finding> fs = c.findings();
        boolean regressions = fs.stream().anyMatch(f -> f.status() == Status.REGRESSED);
        String verb = regressions ? "Reapply removed fix" : "Fix";
        if (fs.size() == 1) {
            Finding f = fs.get(0);
            String where = f.location() != null && f.location().path() != null ? f.location().path()
                    : ReportText.where(f);
            return ReportText.oneLine("holdfast: " + verb.toLowerCase(java.util.Locale.ROOT) + " for " + f.ruleId()
                    + " in " + where);
        }
        return "holdfast: " + (regressions ? "reapply " + fs.size() + " removed security fixes"
                : "fix " + fs.size() + " security findings");
    }

    public static String body(PullRequestContent c, String toolVersion) {
        List<Finding> fs = c.findings().stream().sorted(ReportText.SEVERITY_FIRST).toList();
        List<Finding> shown = fs.stream().limit(MAX_ROWS).toList();
        long regressed = fs.stream().filter(f -> f.status() == Status.REGRESSED).count();
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(Md.text(title(c))).append("\n\n");
        if (regressed > 0) {
            sb.append(regressed == 1 ? "A security fix" : regressed + " security fixes")
                    .append(" came undone: what was removed once is back. This pull request puts the fix back.\n\n");
        } else {
            sb.append("This pull request fixes the findings below.\n\n");
        }

        sb.append("### What regressed, and where\n\n");
        sb.append("| Severity | Rule | Where | Evidence (redacted) | Finding |\n|---|---|---|---|---|\n");
        for (Finding f : shown) {
            sb.append("| ").append(MarkdownReport.sev(f.severity())).append(" | ").append(MarkdownReport.code(f.ruleId()))
                    .append(" | ").append(Md.text(ReportText.where(f))).append(" | ").append(Md.text(f.redacted()))
                    .append(" | ").append(Md.text(f.message())).append(" |\n");
        }
        more(sb, fs.size() - shown.size());

        sb.append("\n### Who brought it back\n\n");
        for (Finding f : shown) {
            sb.append("- ").append(Md.text(ReportText.where(f))).append(": ").append(Md.text(ReportText.who(f)));
            String when = ReportText.when(f);
            if (!when.isEmpty()) {
                sb.append(", commit ").append(Md.text(when));
            }
            sb.append('\n');
        }
        more(sb, fs.size() - shown.size());

        List<Finding> withFix = shown.stream().filter(f -> f.fixedBy() != null).toList();
        if (!withFix.isEmpty()) {
            sb.append("\n### Which fix it undoes\n\n");
            for (Finding f : withFix) {
                sb.append("- ").append(Md.text(ReportText.where(f))).append(": fixed ")
                        .append(f.fixedBy().commit() == null ? "" : "in ").append(Md.text(ReportText.fix(f)))
                        .append('\n');
            }
        }

        sb.append("\n### What this pull request changes\n\n");
        if (c.changeSummary() != null && !c.changeSummary().isBlank()) {
            sb.append(Md.text(c.changeSummary())).append("\n\n");
        }
        for (String file : c.changedFiles()) {
            sb.append("- ").append(Md.text(file)).append('\n');
        }
        if (c.branch() != null) {
            sb.append("\nBranch: ").append(MarkdownReport.code(c.branch())).append('\n');
        }

        boolean secrets = fs.stream().anyMatch(f -> f.category() == Category.SECRET
                || f.category() == Category.LONG_LIVED_CREDENTIAL);
        if (secrets) {
            sb.append("\n### Rotate\n\n> [!IMPORTANT]\n> Merging this removes the value from the code, not from git "
                    + "history or from anyone who already read it. Revoke and reissue every credential listed above, "
                    + "then load the new one at run time (secret store, OIDC or short-lived credentials).\n");
        }
        sb.append("\n<sub>Opened by holdfast ").append(Md.text(toolVersion))
                .append(". Review it like any other change.</sub>\n\n");
        sb.append(META_PREFIX).append(meta(c)).append(" -->\n");
        return sb.toString();
    }

    private static void more(StringBuilder sb, int n) {
        if (n > 0) {
            sb.append("\n… and ").append(n).append(" more\n");
        }
    }

    /** The machine-readable part: sorted, no secrets, no characters that could end the HTML comment. */
    static String meta(PullRequestContent c) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("v", 1);
        ArrayNode fps = m.putArray("fingerprints");
        new TreeSet<>(c.findings().stream().map(Finding::fingerprint).toList()).forEach(fps::add);
        ArrayNode rules = m.putArray("rules");
        new TreeSet<>(c.findings().stream().map(Finding::ruleId).toList()).forEach(rules::add);
        ArrayNode fixes = m.putArray("fixes");
        new TreeSet<>(c.findings().stream().filter(f -> f.fixedBy() != null && f.fixedBy().commit() != null)
                .map(f -> f.fixedBy().commit()).toList()).forEach(fixes::add);
        if (c.branch() != null) {
            m.put("branch", c.branch());
        }
        if (c.strategy() != null) {
            m.put("strategy", c.strategy());
        }
        try {
            return MAPPER.writeValueAsString(m).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("--", "-\\u002d");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PR metadata", e);
        }
    }

    /** Reads the metadata back from a pull request body, e.g. to find the PR a fingerprint already has. */
    public static Optional<JsonNode> parseMeta(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = META.matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(m.group(1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

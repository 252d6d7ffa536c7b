package dev.holdfast.remediator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.reports.ReportText;
import dev.holdfast.reports.markdown.Md;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull request's title and Markdown body: what regressed and where, who brought it back, which fix it undoes,
 * what the PR changes, where reference names came from, rotation advice for secrets, and a hidden
 * {@code <!-- holdfast:meta {json} -->} comment that later runs read to decide whether the finding changed. Built only
 * from {@link Finding}s, which hold redacted values and keyed fingerprints, never raw secrets.
 *
 * <p>Author names, paths, messages and reference names come from the repository, so from whoever can push to it:
 * every one is escaped ({@link Md}) so that it shows as typed and cannot add markup, HTML, a link or an @mention, and
 * no line of the text reads as a workflow command when {@code fix --dry-run} prints it to a CI log. The title is one
 * line without control characters.
 */
public record PullRequestText(String title, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern META = Pattern.compile("<!-- holdfast:meta (\\{.*?}) -->", Pattern.DOTALL);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public static PullRequestText of(Fix fix) {
        return of(fix, null);
    }

    /** @param previousPr the URL of an earlier, merged PR for the same findings (a repeat), or null */
    public static PullRequestText of(Fix fix, String previousPr) {
        if (FixNames.isNarrowing(fix)) {
            return narrowing(fix);
        }
        StringBuilder b = new StringBuilder();
        b.append("## A removed security fix came back\n\n");
        if (previousPr != null) {
            b.append("> **Repeat:** this was fixed before by ").append(Md.text(previousPr))
                    .append(" and has regressed again.\n\n");
        }
        b.append("### What regressed\n\n");
        for (Finding f : fix.findings()) {
            b.append("- **").append(Md.text(f.ruleId())).append("** (").append(f.severity().id()).append(") in ")
                    .append(Md.code(f.location().path()));
            if (f.location().line() > 0) {
                b.append(" line ").append(f.location().line());
            }
            if (f.redacted() != null && !f.redacted().isEmpty()) {
                b.append(" — ").append(Md.code(f.redacted()));
            }
            if (f.message() != null && !f.message().isBlank()) {
                b.append(": ").append(Md.text(f.message()));
            }
            b.append('\n');
        }
        b.append("\n### Who brought it back\n\n");
        fix.findings().stream().map(f -> who(f.introducedBy())).distinct()
                .forEach(w -> b.append("- ").append(w).append('\n'));
        b.append("\n### Which fix it undoes\n\n");
        FixRef ref = fix.reapplies();
        if (ref == null) {
            b.append("No fix commit is recorded in the ledger.\n");
        } else {
            b.append("Commit ").append(Md.code(ref.commit()));
            if (ref.name() != null) {
                b.append(" by ").append(Md.text(ref.name()));
            }
            if (ref.date() != null) {
                b.append(" on ").append(DAY.format(ref.date()));
            }
            b.append(".\n");
        }
        b.append("\n### What this PR changes\n\n");
        b.append(fix.strategy() == Strategy.REAPPLY
                ? "Re-applies that same reviewed change onto the current code: "
                : "The original fix no longer applies, so this uses the rule's own fix: ");
        b.append(Md.text(fix.reason())).append(". Files: ");
        b.append(String.join(", ", fix.edits().stream().map(e -> Md.code(e.path())).toList())).append(".\n");
        if (!fix.notes().isEmpty()) {
            b.append("\n### Reference names\n\n");
            fix.notes().forEach(n -> b.append("- ").append(Md.text(n)).append('\n'));
        }
        b.append("The change was verified by re-scanning the patched files: the finding is gone and nothing new"
                + " appears.\n");
        List<Finding> secrets = fix.findings().stream().filter(f -> f.category() == Category.SECRET).toList();
        java.util.Set<String> said = new java.util.HashSet<>();
        if (!secrets.isEmpty()) {
            b.append("\n### Rotate this credential\n\n");
            for (Finding f : secrets) {
                String exposedIn = f.introducedBy() == null || f.introducedBy().commit() == null ? "its history"
                        : "commit " + Md.code(f.introducedBy().commit());
                if (!said.add(f.ruleId() + "\u0000" + exposedIn)) {
                    continue;
                }
                b.append("- **").append(Md.text(f.ruleId())).append("**: rotate this credential — it was exposed in ")
                        .append(exposedIn).append(". Merging this PR does not remove it from git history.");
                appendHint(b, f.remediation());
            }
        }
        List<Finding> others = fix.findings().stream().filter(f -> f.category() != Category.SECRET
                && f.remediation() != null && !f.remediation().isBlank()).toList();
        if (!others.isEmpty()) {
            b.append("\n### To finish the fix\n\n");
            for (Finding f : others) {
                if (said.add(f.ruleId())) {
                    b.append("- **").append(Md.text(f.ruleId())).append("**:");
                    appendHint(b, f.remediation());
                }
            }
        }
        b.append("\n---\n_Opened by [Holdfast](https://github.com/holdfast-dev/holdfast) — keeps security fixes from"
                + " quietly coming undone._\n\n");
        return new PullRequestText(ReportText.oneLine(FixNames.title(fix)),
                Md.inertInLogs(b.toString()) + "<!-- holdfast:meta " + meta(fix) + " -->\n");
    }

    /** A least-privilege narrowing: what the principal holds and did not use, what is removed, what to check. */
    private static PullRequestText narrowing(Fix fix) {
        StringBuilder b = new StringBuilder();
        b.append("## Grants an identity did not use\n\n### What it holds and did not use\n\n");
        for (Finding f : fix.findings()) {
            b.append("- **").append(Md.text(f.ruleId())).append("** (").append(f.severity().id()).append(") for ")
                    .append(Md.code(f.location().resource())).append(", defined in ").append(Md.code(f.location().path()));
            if (f.location().line() > 0) {
                b.append(" line ").append(f.location().line());
            }
            b.append(": ").append(Md.text(f.message())).append('\n');
        }
        b.append("\n### What this PR changes\n\n").append("It ").append(Md.text(fix.reason())).append(". Files: ")
                .append(String.join(", ", fix.edits().stream().map(e -> Md.code(e.path())).toList())).append(".\n");
        if (!fix.notes().isEmpty()) {
            b.append("\n### Before merging\n\n");
            fix.notes().forEach(n -> b.append("- ").append(Md.text(n)).append('\n'));
        }
        b.append("\n---\n_Opened by [Holdfast](https://github.com/holdfast-dev/holdfast) — keeps security fixes from"
                + " quietly coming undone._\n\n");
        return new PullRequestText(ReportText.oneLine(FixNames.title(fix)),
                Md.inertInLogs(b.toString()) + "<!-- holdfast:meta " + meta(fix) + " -->\n");
    }

    /** The rule's hint after a list item; continuation lines indented so Markdown keeps them in the item. */
    private static void appendHint(StringBuilder b, String hint) {
        if (hint != null && !hint.isBlank()) {
            List<String> lines = hint.strip().lines().toList();
            b.append(' ').append(Md.text(lines.get(0)));
            for (String l : lines.subList(1, lines.size())) {
                b.append("\n  ").append(Md.text(l));
            }
        }
        b.append('\n');
    }

    private static String who(Attribution a) {
        if (a == null) {
            return "unknown (no attribution)";
        }
        StringBuilder s = new StringBuilder();
        s.append(a.kind() == null ? "unknown" : a.kind().id()).append(' ');
        s.append(a.name() == null ? "?" : Md.text(a.name()));
        if (a.email() != null) {
            s.append(" ").append(Md.text("<" + a.email() + ">"));
        }
        if (a.commit() != null) {
            s.append(" in commit ").append(Md.code(a.commit()));
        }
        if (a.date() != null) {
            s.append(" on ").append(DAY.format(a.date()));
        }
        if (a.onBehalfOf() != null) {
            s.append(", on behalf of ").append(Md.text(a.onBehalfOf().name()));
            if (a.onBehalfOf().email() != null) {
                s.append(" ").append(Md.text("<" + a.onBehalfOf().email() + ">"));
            }
        }
        return s.toString();
    }

    /** Stable, sorted JSON: what a later run compares to decide whether the finding changed. */
    static String meta(Fix fix) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", 1);
        m.put("branch", FixNames.branch(fix));
        m.put("digest", FixNames.digest(fix));
        ArrayNode prints = m.putArray("fingerprints");
        FixNames.fingerprints(fix).forEach(prints::add);
        m.put("fixCommit", fix.reapplies() == null ? null : fix.reapplies().commit());
        m.put("kind", FixNames.kind(fix));
        ArrayNode rules = m.putArray("rules");
        fix.findings().stream().map(Finding::ruleId).distinct().sorted().forEach(rules::add);
        m.put("strategy", fix.strategy().name().toLowerCase(java.util.Locale.ROOT));
        // Nothing in it may close the comment early, or read as a legacy workflow command in a CI log.
        return m.toString().replace("--", "- -").replace("##[", "#\\u0023[");
    }

    /** The metadata of a PR body written by Holdfast, if it has any. */
    public static Optional<JsonNode> readMeta(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = META.matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(m.group(1)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The fingerprints recorded in a PR body's metadata, sorted; empty when there is none. */
    public static List<String> fingerprintsIn(String body) {
        return readMeta(body).map(n -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            n.path("fingerprints").forEach(x -> out.add(x.asText()));
            return out.stream().sorted().toList();
        }).orElse(List.of());
    }

    static String day(Instant i) {
        return DAY.format(i);
    }
}

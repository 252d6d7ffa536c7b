package dev.holdfast.reports;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Plain-text pieces every human-facing report shares, so that Markdown, HTML and annotations say the same thing. */
public final class ReportText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** Regressions first, then most severe first, then the stable {@link Finding#ORDER}: what a reader must see. */
    public static final Comparator<Finding> ATTENTION = Comparator
            .comparing((Finding f) -> f.status() != Status.REGRESSED)
            .thenComparing(Finding.ORDER);

    /** Most severe first, regressions first within a severity: what survives truncation. */
    public static final Comparator<Finding> SEVERITY_FIRST = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.status() != Status.REGRESSED)
            .thenComparing(Finding.ORDER);

    private ReportText() {
    }

    /** "path:line" for files, the resource id for cloud findings, "path (resource)" when both exist. */
    public static String where(Finding f) {
        Location l = f.location();
        if (l == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (l.path() != null) {
            sb.append(l.path());
            if (l.line() > 0) {
                sb.append(':').append(l.line());
            }
        }
        if (l.resource() != null) {
            sb.append(sb.length() > 0 ? " (" + l.resource() + ")" : l.resource());
        }
        return sb.toString();
    }

    public static IdentityKind kind(Finding f) {
        Attribution a = f.introducedBy();
        return a == null || a.kind() == null ? IdentityKind.UNKNOWN : a.kind();
    }

    /** "Name (agent, for Person)" or "unknown". */
    public static String who(Finding f) {
        Attribution a = f.introducedBy();
        if (a == null) {
            return "unknown";
        }
        String name = a.name() != null && !a.name().isBlank() ? a.name() : a.email() != null ? a.email() : "unknown";
        StringBuilder sb = new StringBuilder(name).append(" (").append(kind(f).id());
        if (a.onBehalfOf() != null && a.onBehalfOf().name() != null) {
            sb.append(", for ").append(a.onBehalfOf().name());
        }
        return sb.append(')').toString();
    }

    /** "abc1234 on 2026-01-02", or "" when unattributed. */
    public static String when(Finding f) {
        Attribution a = f.introducedBy();
        if (a == null) {
            return "";
        }
        String c = shortSha(a.commit());
        String d = a.date() == null ? "" : DAY.format(a.date());
        return (c + (c.isEmpty() || d.isEmpty() ? "" : " on ") + d).strip();
    }

    /** "abc1234 by Name on 2026-01-02" for the fix a regression undid, or "". */
    public static String fix(Finding f) {
        FixRef x = f.fixedBy();
        if (x == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(shortSha(x.commit()));
        if (x.name() != null && !x.name().isBlank()) {
            sb.append(" by ").append(x.name());
        }
        if (x.date() != null) {
            sb.append(" on ").append(DAY.format(x.date()));
        }
        return sb.toString().strip();
    }

    public static String shortSha(String sha) {
        return sha == null ? "" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** Counts of present findings by severity (fixed ones are gone and are not counted). */
    public static Map<Severity, Integer> bySeverity(List<Finding> findings) {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        findings.stream().filter(f -> f.status() != Status.FIXED).forEach(f -> m.merge(f.severity(), 1, Integer::sum));
        return m;
    }

    public static Map<Status, Integer> byStatus(List<Finding> findings) {
        Map<Status, Integer> m = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            m.put(s, 0);
        }
        findings.forEach(f -> m.merge(f.status(), 1, Integer::sum));
        return m;
    }

    public static Map<IdentityKind, Integer> byKind(List<Finding> findings) {
        Map<IdentityKind, Integer> m = new EnumMap<>(IdentityKind.class);
        for (IdentityKind k : IdentityKind.values()) {
            m.put(k, 0);
        }
        findings.stream().filter(f -> f.status() != Status.FIXED).forEach(f -> m.merge(kind(f), 1, Integer::sum));
        return m;
    }

    /** One line, no control characters: text from commits and cloud APIs may hold anything. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }
}

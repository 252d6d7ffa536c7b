package dev.holdfast.reports;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts shared by every report. {@code total} and the per-identity counts leave out {@code fixed} entries: they
 * describe what is present now.
 */
public record Summary(int total, Map<Severity, Integer> bySeverity, Map<Status, Integer> byStatus,
                      Map<Category, Integer> byCategory, Map<IdentityKind, Integer> byIdentity) {

    public static Summary of(ScanResult result) {
        Map<Severity, Integer> sev = new EnumMap<>(Severity.class);
        Map<Status, Integer> st = new EnumMap<>(Status.class);
        Map<Category, Integer> cat = new EnumMap<>(Category.class);
        Map<IdentityKind, Integer> id = new EnumMap<>(IdentityKind.class);
        int total = 0;
        for (Finding f : result.findings()) {
            st.merge(f.status(), 1, Integer::sum);
            if (f.status() == Status.FIXED) {
                continue;
            }
            total++;
            sev.merge(f.severity(), 1, Integer::sum);
            cat.merge(f.category(), 1, Integer::sum);
            IdentityKind k = f.introducedBy() == null || f.introducedBy().kind() == null
                    ? IdentityKind.UNKNOWN : f.introducedBy().kind();
            id.merge(k, 1, Integer::sum);
        }
        return new Summary(total, sev, st, cat, id);
    }

    /** "N findings introduced by agents, M by bots, K by people" — or null when nothing is attributed. */
    public String identitySentence() {
        int agents = byIdentity.getOrDefault(IdentityKind.AGENT, 0);
        int bots = byIdentity.getOrDefault(IdentityKind.BOT, 0);
        int people = byIdentity.getOrDefault(IdentityKind.HUMAN, 0);
        if (agents + bots + people == 0) {
            return null;
        }
        return agents + (agents == 1 ? " finding" : " findings") + " introduced by agents, " + bots + " by bots, "
                + people + " by people";
    }
}

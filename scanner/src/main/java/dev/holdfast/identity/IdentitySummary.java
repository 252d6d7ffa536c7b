package dev.holdfast.identity;

import dev.holdfast.model.Finding;
import dev.holdfast.model.IdentityKind;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many findings each kind of identity introduced; findings without attribution (outside git) are not counted.
 *
 * @param onBehalfOf agent findings where the agent acted for a named person
 */
public record IdentitySummary(int agents, int bots, int humans, int unknown, int workloads, int onBehalfOf) {

    public static IdentitySummary of(Collection<Finding> findings) {
        int a = 0;
        int b = 0;
        int h = 0;
        int u = 0;
        int w = 0;
        int delegated = 0;
        for (Finding f : findings) {
            if (f.introducedBy() == null) {
                continue;
            }
            IdentityKind k = f.introducedBy().kind() == null ? IdentityKind.UNKNOWN : f.introducedBy().kind();
            switch (k) {
                case AGENT -> {
                    a++;
                    if (f.introducedBy().onBehalfOf() != null) {
                        delegated++;
                    }
                }
                case BOT -> b++;
                case HUMAN -> h++;
                case WORKLOAD -> w++;
                default -> u++;
            }
        }
        return new IdentitySummary(a, b, h, u, w, delegated);
    }

    /** For JSON {@code summary.byIdentity}: agent, bot, human, unknown always (stable keys), workload when any. */
    public Map<String, Integer> byIdentity() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(IdentityKind.AGENT.id(), agents);
        m.put(IdentityKind.BOT.id(), bots);
        m.put(IdentityKind.HUMAN.id(), humans);
        m.put(IdentityKind.UNKNOWN.id(), unknown);
        if (workloads > 0) {
            m.put(IdentityKind.WORKLOAD.id(), workloads);
        }
        return m;
    }

    public int total() {
        return agents + bots + humans + unknown + workloads;
    }

    /**
     * For text reports, e.g. "3 findings introduced by agents (2 on behalf of a person), 1 by bots, 4 by people";
     * empty when nothing is attributed.
     */
    public String line() {
        if (total() == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(agents).append(agents == 1 ? " finding" : " findings").append(" introduced by agents");
        if (onBehalfOf > 0) {
            sb.append(" (").append(onBehalfOf).append(" on behalf of a person)");
        }
        sb.append(", ").append(bots).append(" by bots, ").append(humans).append(" by people");
        if (unknown > 0) {
            sb.append(", ").append(unknown).append(" by unknown identities");
        }
        if (workloads > 0) {
            sb.append(", ").append(workloads).append(" by workloads");
        }
        return sb.toString();
    }
}

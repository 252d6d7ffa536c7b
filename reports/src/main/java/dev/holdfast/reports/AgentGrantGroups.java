package dev.holdfast.reports;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.rules.agent.AgentConfigDetector;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings about coding agents' own configuration, grouped per file and per agent, each group saying what
 * changed since the baseline. Grants the baseline already holds are not findings here (the scan shows tracked grants
 * only when they changed), so a group lists exactly the widened, restored and removed grants and the agents' risks.
 */
public final class AgentGrantGroups {
    /** Regressions first, then new, existing, fixed; most severe first within each. */
    private static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> switch (f.status()) {
                case REGRESSED -> 0;
                case NEW -> 1;
                case EXISTING -> 2;
                case FIXED -> 3;
            })
            .thenComparing(Finding::severity)
            .thenComparing(f -> f.location().line())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::fingerprint);

    private AgentGrantGroups() {
    }

    /** One agent in one file. */
    public record Group(String path, String agent, List<Finding> findings) {
        public long count(Status s) {
            return findings.stream().filter(f -> f.status() == s).count();
        }

        /** "1 regressed, 2 new, 1 fixed since the baseline" (only the kinds present), or "unchanged". */
        public String changes() {
            List<String> parts = new ArrayList<>();
            for (Status s : List.of(Status.REGRESSED, Status.NEW, Status.FIXED)) {
                long n = count(s);
                if (n > 0) {
                    parts.add(n + " " + s.id());
                }
            }
            return parts.isEmpty() ? "no change since the baseline" : String.join(", ", parts);
        }
    }

    public static List<Group> of(ScanResult r) {
        Map<String, Group> groups = new TreeMap<>();
        for (Finding f : r.findings()) {
            if (f.location() == null || f.location().path() == null || !isAgent(f)) {
                continue;
            }
            String agent = agent(f);
            groups.computeIfAbsent(f.location().path() + "\u0000" + agent,
                    k -> new Group(f.location().path(), agent, new ArrayList<>())).findings().add(f);
        }
        List<Group> out = new ArrayList<>();
        for (Group g : groups.values()) {
            List<Finding> sorted = new ArrayList<>(g.findings());
            sorted.sort(ORDER);
            out.add(new Group(g.path(), g.agent(), List.copyOf(sorted)));
        }
        return out;
    }

    /** Findings from the agent-configuration rules; a fixed one has lost its properties but keeps its rule. */
    static boolean isAgent(Finding f) {
        return FindingProperty.AGENT_TOOL.isSet(f)
                || f.status() == Status.FIXED && f.ruleId().startsWith("agent-");
    }

    private static String agent(Finding f) {
        String agent = FindingProperty.AGENT.get(f);
        if (agent != null) {
            return agent;
        }
        String tool = AgentConfigDetector.catalogue().toolOf(f.location().path());
        return tool == null ? "agent" : tool;
    }

    /** Whether the finding is a tracked grant (else one of the agent's risks). */
    public static boolean isGrant(Finding f) {
        return f.ruleId().equals(AgentConfigDetector.grantRule());
    }
}

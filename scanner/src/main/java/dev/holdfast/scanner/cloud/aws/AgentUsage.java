package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.scanner.cloud.CloudActivity;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.FindingFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;

/**
 * What agent principals did in the activity window against what they hold: grants of services they never used
 * ({@code aws-unused-grant}, a least-privilege suggestion), agent roles that stay warm (long sessions, assumed by
 * several callers: {@code aws-agent-role-warm}) and access keys of agent or bot users used from more than one place
 * ({@code aws-agent-key-shared}: a shared credential is not an agent identity). Nothing is claimed without activity
 * data: a log that was denied or empty makes none of these findings.
 */
final class AgentUsage {
    private AgentUsage() {
    }

    static List<Finding> find(CloudSnapshot snapshot, ActivityLog log, FindingFactory factory) {
        List<Finding> out = new ArrayList<>();
        if (!log.read() || log.gap() != null || (log.events().isEmpty() && log.lastAccessed().isEmpty())) {
            return out;
        }
        for (CloudPrincipal p : snapshot.principals()) {
            boolean agent = IdentityKind.AGENT.id().equals(p.kind());
            if (agent) {
                unused(p, log, factory, out);
            }
            if (agent && "role".equals(p.type())) {
                warm(p, log, factory, out);
            }
            if ((agent || IdentityKind.BOT.id().equals(p.kind())) && "user".equals(p.type())) {
                shared(p, log, factory, out);
            }
        }
        return out;
    }

    private static void unused(CloudPrincipal p, ActivityLog log, FindingFactory factory, List<Finding> out) {
        Map<String, List<String>> granted = new TreeMap<>();
        boolean everything = false;
        for (CloudGrant g : p.grants()) {
            if (g.action().startsWith("NotAction")) {
                continue;
            }
            int c = g.action().indexOf(':');
            if (c < 0) {
                everything = true;
                continue;
            }
            granted.computeIfAbsent(g.action().substring(0, c), k -> new ArrayList<>()).add(g.key());
        }
        Set<String> used = new TreeSet<>();
        for (CloudActivity a : log.events()) {
            if (p.id().equals(a.actor().id()) && !"sts".equals(a.service())) {
                used.add(a.service());
            }
        }
        Map<String, Instant> sla = log.lastAccessed().get(p.id());
        if (sla != null) {
            used.addAll(sla.keySet());
        }
        Set<String> unused = new TreeSet<>(granted.keySet());
        unused.removeAll(used);
        if (unused.isEmpty() && !(everything && !used.isEmpty())) {
            return;
        }
        List<String> grants = new ArrayList<>();
        unused.forEach(s -> grants.addAll(granted.get(s)));
        if (everything) {
            grants.add(0, "* on *");
        }
        long days = Math.max(1, Duration.between(log.from(), log.to()).toDays());
        String evidence = sla != null ? "IAM service-last-accessed and CloudTrail" : "CloudTrail management events";
        Map<String, String> props = new LinkedHashMap<>();
        props.put("unusedServices", String.join(",", unused));
        props.put("usedServices", used.isEmpty() ? "" : String.join(",", used));
        props.put("unusedGrants", String.join(",", grants));
        props.put("evidence", evidence);
        props.put("windowDays", Long.toString(days));
        props.put("suggestion", suggestion(everything, used, unused));
        String msg = "agent " + p.type() + " " + p.name() + " used " + (used.isEmpty() ? "no service"
                : String.join(", ", used)) + " in the last " + days + " days (" + evidence + ") but "
                + (everything ? "may do anything" + (unused.isEmpty() ? "" : ", and ") : "")
                + (unused.isEmpty() ? "" : "never used its grants on " + String.join(", ", unused))
                + ": " + props.get("suggestion");
        out.add(factory.toFinding(detect("aws-unused-grant", p, "unused " + (everything ? "*," : "")
                + String.join(",", unused), null, msg, null, props)));
    }

    private static String suggestion(boolean everything, Set<String> used, Set<String> unused) {
        List<String> parts = new ArrayList<>();
        if (everything) {
            parts.add(used.isEmpty() ? "remove the * grant" : "replace * with actions of " + String.join(", ", used));
        }
        if (!unused.isEmpty()) {
            parts.add("remove the grants on " + String.join(", ", unused));
        }
        return String.join("; ", parts);
    }

    private static void warm(CloudPrincipal p, ActivityLog log, FindingFactory factory, List<Finding> out) {
        Integer max = p.maxSessionDuration();
        if (max == null || max <= 3600) {
            return;
        }
        Set<String> callers = new TreeSet<>();
        Instant last = null;
        for (CloudActivity a : log.events()) {
            if ("assume".equals(a.change()) && p.id().equals(a.target())) {
                callers.add(caller(a));
                last = a.at();
            }
        }
        if (callers.size() < 2) {
            return;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("callers", String.join(",", callers));
        props.put("maxSessionDuration", Integer.toString(max));
        props.put("lastAssumed", last.toString());
        out.add(factory.toFinding(detect("aws-agent-role-warm", p, "warm", null, "agent role " + p.name()
                + " allows " + (max / 3600) + "-hour sessions and was assumed by " + callers.size() + " callers ("
                + String.join(", ", callers) + "), last on " + last + ": its sessions stay warm for whoever holds one",
                null, props)));
    }

    /** A person's session names that person; anything else is the principal it acts as. */
    private static String caller(CloudActivity a) {
        var actor = a.actor();
        if (actor.kind() == IdentityKind.HUMAN && actor.session() != null) {
            return actor.session();
        }
        return actor.id() != null ? actor.id() : actor.name();
    }

    private static void shared(CloudPrincipal p, ActivityLog log, FindingFactory factory, List<Finding> out) {
        Set<String> agents = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        for (CloudActivity a : log.events()) {
            if (a.longTermKey() && p.id().equals(a.actor().id())) {
                if (a.userAgent() != null) {
                    agents.add(product(a.userAgent()));
                }
                if (a.sourceIp() != null) {
                    ips.add(a.sourceIp());
                }
            }
        }
        if (agents.size() < 2 && ips.size() < 2) {
            return;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("userAgents", String.join(",", agents));
        props.put("sourceIps", String.join(",", ips));
        out.add(factory.toFinding(detect("aws-agent-key-shared", p, "shared key", null, p.kind() + " user "
                + p.name() + "'s access key was used from " + ips.size() + " addresses by " + agents.size()
                + " clients (" + String.join(", ", agents) + "): a shared credential is not one agent's identity",
                null, props)));
    }

    /** The client product of a user agent: "aws-cli" of "aws-cli/2.15.0 Python/3.11…". */
    static String product(String ua) {
        String s = ua.strip();
        int end = s.length();
        for (char c : new char[]{'/', ' ', '('}) {
            int i = s.indexOf(c);
            if (i > 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end);
    }
}

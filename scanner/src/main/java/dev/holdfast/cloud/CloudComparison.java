package dev.holdfast.cloud;

import dev.holdfast.model.Finding;
import dev.holdfast.rules.catalog.Glob;
import dev.holdfast.model.FixRef;
import dev.holdfast.model.Severity;
import dev.holdfast.model.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a snapshot with an earlier one. Findings both snapshots yield are {@code existing}, findings only the
 * earlier one yields are {@code fixed}; grants added to a principal that already existed are reported as privilege
 * creep ({@code new}), or {@code regressed} when an earlier snapshot recorded their removal; removed grants are
 * {@code fixed} creep entries and go into the new snapshot's history, so their return can be told later.
 */
public final class CloudComparison {
    /** How many removed grants a snapshot remembers (oldest dropped first). */
    static final int HISTORY_LIMIT = 500;

    private final CloudRules rules;
    private final CloudFindings make;

    public CloudComparison(CloudRules rules, CloudFindings make) {
        this.rules = rules;
        this.make = make;
    }

    /** Findings with statuses, and the current snapshot carrying the updated history of removed grants. */
    public record Outcome(List<Finding> findings, CloudSnapshot snapshot) {
    }

    public Outcome compare(CloudSnapshot current, List<Finding> currentFindings, CloudSnapshot baseline) {
        if (baseline == null) {
            return new Outcome(currentFindings, current);
        }
        if (!baseline.provider().equals(current.provider())) {
            throw new CloudException("the baseline is a " + baseline.provider() + " snapshot, not " + current.provider());
        }
        Map<String, RemovedGrant> history = new HashMap<>();
        baseline.history().forEach(h -> history.put(h.principal() + "\u0000" + h.grant(), h));

        List<Finding> out = new ArrayList<>();
        Set<String> regressedKeys = new HashSet<>();
        Set<String> currentGrantKeys = new HashSet<>();
        List<RemovedGrant> newHistory = new ArrayList<>();

        for (CloudPrincipal p : current.principals()) {
            CloudPrincipal before = baseline.principal(p.id());
            Set<String> beforeGrants = new HashSet<>();
            Set<String> beforeRisks = new HashSet<>();
            if (before != null) {
                before.grants().forEach(g -> beforeGrants.add(g.key()));
                before.risks().forEach(r -> beforeRisks.add(r.kind() + " " + r.id()));
            }
            for (CloudGrant g : p.grants()) {
                String key = p.id() + "\u0000" + g.key();
                currentGrantKeys.add(key);
                if (before == null || beforeGrants.contains(g.key())) {
                    continue; // a new principal's grants are judged by the rules; creep is about existing ones
                }
                RemovedGrant removed = history.get(key);
                Finding f = creep(p, g, beforeRisks, true);
                if (removed != null) {
                    regressedKeys.add(key);
                    f = f.withStatus(Status.REGRESSED).withFixedBy(new FixRef(null, "cloud snapshot", null,
                            Instant.parse(removed.removedAt())));
                }
                out.add(f);
            }
            if (before != null) {
                Set<String> nowGrants = new HashSet<>();
                p.grants().forEach(g -> nowGrants.add(g.key()));
                for (CloudGrant g : before.grants()) {
                    // widened rather than removed (s3:GetObject on a bucket -> s3:* on *): not a fix
                    if (!nowGrants.contains(g.key()) && !covered(g, p.grants())) {
                        out.add(creep(p, g, Set.of(), false).withStatus(Status.FIXED));
                        newHistory.add(new RemovedGrant(p.id(), g.key(), current.takenAt()));
                    }
                }
            }
        }
        for (CloudPrincipal b : baseline.principals()) {
            if (current.principal(b.id()) == null) {
                b.grants().forEach(g -> newHistory.add(new RemovedGrant(b.id(), g.key(), current.takenAt())));
                out.add(principal(b, false).withStatus(Status.FIXED));
            }
        }
        for (CloudPrincipal p : current.principals()) {
            CloudPrincipal before = baseline.principal(p.id());
            if (before == null) {
                out.add(principal(p, true));
            }
            Set<String> had = new HashSet<>();
            if (before != null) {
                before.credentials().forEach(c -> had.add(credentialKey(c)));
            }
            Set<String> has = new HashSet<>();
            for (CloudCredential c : p.credentials()) {
                has.add(credentialKey(c));
                if (!had.contains(credentialKey(c))) {
                    out.add(credential(p, c, true));
                }
            }
            if (before != null) {
                for (CloudCredential c : before.credentials()) {
                    if (!has.contains(credentialKey(c))) {
                        out.add(credential(p, c, false).withStatus(Status.FIXED));
                    }
                }
            }
        }

        Set<String> before = new HashSet<>();
        List<Finding> baselineFindings = rules.evaluate(baseline);
        baselineFindings.forEach(f -> before.add(f.fingerprint()));
        before.addAll(baseline.leaks());
        Set<String> now = new HashSet<>();
        for (Finding f : currentFindings) {
            now.add(f.fingerprint());
            if (before.contains(f.fingerprint())) {
                out.add(f.withStatus(Status.EXISTING));
            } else if (touchesRegressed(f, regressedKeys)) {
                out.add(f.withStatus(Status.REGRESSED));
            } else {
                out.add(f.withStatus(Status.NEW));
            }
        }
        // Leaks the baseline recorded are not rule findings and are never called fixed here: a run without --repo
        // would otherwise fix them all.
        for (Finding f : baselineFindings) {
            if (!now.contains(f.fingerprint())) {
                out.add(f.withStatus(Status.FIXED));
            }
        }

        // Keep removals still absent (a grant that came back leaves the history), newest first, bounded.
        for (RemovedGrant h : baseline.history()) {
            if (!currentGrantKeys.contains(h.principal() + "\u0000" + h.grant())) {
                newHistory.add(h);
            }
        }
        Map<String, RemovedGrant> dedup = new LinkedHashMap<>();
        newHistory.stream().sorted(Comparator.comparing(RemovedGrant::removedAt).reversed())
                .forEach(h -> dedup.putIfAbsent(h.principal() + "\u0000" + h.grant(), h));
        List<RemovedGrant> kept = dedup.values().stream().limit(HISTORY_LIMIT).toList();
        return new Outcome(out, current.withHistory(kept));
    }

    /** Whether some current grant's action and resource patterns take in the old grant whole. */
    static boolean covered(CloudGrant old, List<CloudGrant> now) {
        if (old.action().startsWith("NotAction")) {
            return false;
        }
        for (CloudGrant g : now) {
            if (g.action().startsWith("NotAction") || g.key().equals(old.key())) {
                continue;
            }
            if (Glob.matches(g.action(), old.action(), true) && Glob.matches(g.resource(), old.resource(), true)) {
                return true;
            }
        }
        return false;
    }

    private static String credentialKey(CloudCredential c) {
        return c.type() + " " + (c.idHash() != null ? c.idHash() : c.id());
    }

    private Finding principal(CloudPrincipal p, boolean added) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("grants", Integer.toString(p.grants().size()));
        props.put("credentials", Integer.toString(p.credentials().size()));
        if (!p.risks().isEmpty()) {
            props.put("risks", String.join(",", p.risks().stream().map(r -> r.kind() + ":" + r.id()).toList()));
        }
        return make.make("cloud-principal-added", p, "principal", null, p.kind() + " " + p.type() + " " + p.name()
                + (added ? " was added" : " was removed") + " since the baseline snapshot (" + p.grants().size()
                + " grants, " + p.credentials().size() + " credentials)", null, props);
    }

    private Finding credential(CloudPrincipal p, CloudCredential c, boolean added) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("credentialType", c.type());
        props.put("credentialId", c.id());
        if (c.created() != null) {
            props.put("created", Dates.day(c.created()));
        }
        if (c.expires() != null) {
            props.put("expires", Dates.day(c.expires()));
        }
        return make.make("cloud-credential-added", p, "credential " + credentialKey(c), null,
                p.kind() + " " + p.type() + " " + p.name() + (added ? " gained " : " lost ") + c.type() + " " + c.id()
                        + " since the baseline snapshot", "access-key".equals(c.type()) ? c.id() : null, props);
    }

    /** A risk finding whose actions include a grant that came back is itself a regression. */
    private static boolean touchesRegressed(Finding f, Set<String> regressedKeys) {
        String actions = f.properties().get("actions");
        if (actions == null || regressedKeys.isEmpty()) {
            return false;
        }
        String principal = f.location().resource();
        for (String key : regressedKeys) {
            if (!key.startsWith(principal + "\u0000")) {
                continue;
            }
            String grantAction = key.substring(principal.length() + 1).split(" on ", 2)[0];
            for (String a : actions.split(",")) {
                if (Glob.matches(grantAction, a, true)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Finding creep(CloudPrincipal p, CloudGrant g, Set<String> beforeRisks, boolean added) {
        List<String> completes = new ArrayList<>();
        Severity worst = null;
        for (CloudRisk r : p.risks()) {
            if (beforeRisks.contains(r.kind() + " " + r.id())) {
                continue;
            }
            boolean part = r.actions().stream().anyMatch(a -> Glob.matches(g.action(), a, true));
            if (part) {
                completes.add(r.kind() + ":" + r.id());
                Severity s = Severity.fromId(r.severity());
                worst = worst == null || s.atLeast(worst) ? s : worst;
            }
        }
        Severity sev = worst != null ? worst : byAccessLevel(g.accessLevel());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("grant", g.key());
        props.put("action", g.action());
        props.put("grantResource", g.resource());
        if (g.accessLevel() != null) {
            props.put("accessLevel", g.accessLevel());
        }
        if (!completes.isEmpty()) {
            props.put("escalationPaths", String.join(",", completes));
        }
        String msg = p.kind() + " " + p.type() + " " + p.name() + (added ? " gained " : " lost ") + g.action()
                + " on " + g.resource() + (g.accessLevel() == null ? "" : " (" + g.accessLevel() + ")")
                + (added ? " since the baseline snapshot" : " since the baseline snapshot (narrowed)")
                + (completes.isEmpty() ? "" : "; completes " + String.join(", ", completes));
        return make.make("cloud-privilege-creep", p, "grant " + g.key(), sev, msg, null, props);
    }

    static Severity byAccessLevel(String level) {
        if (level == null) {
            return Severity.MEDIUM;
        }
        return switch (level) {
            case "Full", "Permissions management" -> Severity.HIGH;
            case "Write" -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }
}

package dev.holdfast.scanner.cloud;

import dev.holdfast.scanner.baseline.DriftEngine;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.rules.catalogue.Glob;
import dev.holdfast.rules.cloud.CloudCredential;
import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudRisk;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.Dates;
import dev.holdfast.rules.cloud.RemovedGrant;
import dev.holdfast.scanner.scan.FindingFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;

/**
 * Compares a snapshot with an earlier one through the {@link DriftEngine} that code drift uses, so new, existing,
 * regressed and fixed mean the same for both. Beside the rules' findings, the snapshots track state: every grant of a
 * principal both snapshots have, every principal and every credential. State that is the same in both is not shown;
 * an added grant is privilege creep ({@code new}, or {@code regressed} when an earlier snapshot recorded its
 * removal), a removed one is a {@code fixed} creep entry and goes into the new snapshot's history so that its return
 * can be told later; a widened grant (s3:GetObject on a bucket became s3:* on *) is not a fix. A new principal's
 * grants are judged by the rules, not as creep.
 */
public final class CloudDrift {
    /** How many removed grants a snapshot remembers (oldest dropped first). */
    static final int HISTORY_LIMIT = 500;
    /** The state the comparison tracks: shown only when it changed. */
    private static final Set<String> TRACKED = Set.of("cloud-privilege-creep", "cloud-principal-added",
            "cloud-credential-added");

    private final CloudRules rules;
    private final FindingFactory factory;

    public CloudDrift(CloudRules rules, FindingFactory factory) {
        this.rules = rules;
        this.factory = factory;
    }

    /** Findings with statuses, and the current snapshot carrying the updated history of removed grants. */
    public record Outcome(List<Finding> findings, CloudSnapshot snapshot) {
    }

    /**
     * @param currentFindings the rules' findings on {@code current}, and those made outside the rules (leaked keys)
     * @param baseline        an earlier snapshot, or null (then every finding is new)
     * @param complete        false when the inventory is partial: what it missed is then not called fixed
     */
    public Outcome compare(CloudSnapshot current, List<Finding> currentFindings, CloudSnapshot baseline,
                           boolean complete) {
        if (baseline == null) {
            return new Outcome(currentFindings, current);
        }
        if (!baseline.provider().equals(current.provider())) {
            throw new CloudException("the baseline is a " + baseline.provider() + " snapshot, not " + current.provider());
        }
        Map<String, RemovedGrant> history = new HashMap<>();
        baseline.history().forEach(h -> history.put(h.principal() + "\u0000" + h.grant(), h));

        List<Finding> now = new ArrayList<>(currentFindings);
        Map<String, Finding> before = new LinkedHashMap<>();
        rules.evaluate(baseline).forEach(d -> put(before, factory.toFinding(d)));
        Map<String, FixRef> removedBefore = new HashMap<>();
        Set<String> regressedKeys = new HashSet<>();
        for (CloudPrincipal p : current.principals()) {
            now.add(principal(p, true));
            p.credentials().forEach(c -> now.add(credential(p, c, true)));
            CloudPrincipal b = baseline.principal(p.id());
            if (b == null) {
                continue;
            }
            Set<String> beforeRisks = new HashSet<>();
            b.risks().forEach(r -> beforeRisks.add(r.kind() + " " + r.id()));
            Set<String> beforeGrants = new HashSet<>();
            b.grants().forEach(g -> beforeGrants.add(g.key()));
            Set<String> nowGrants = new HashSet<>();
            for (CloudGrant g : p.grants()) {
                nowGrants.add(g.key());
                Finding creep = creep(p, g, beforeRisks, true);
                now.add(creep);
                RemovedGrant removed = history.get(p.id() + "\u0000" + g.key());
                if (removed != null && !beforeGrants.contains(g.key())) {
                    regressedKeys.add(p.id() + "\u0000" + g.key());
                    removedBefore.put(creep.fingerprint(), new FixRef(null, "cloud snapshot", null,
                            Instant.parse(removed.removedAt())));
                }
            }
            b.credentials().forEach(c -> put(before, credential(p, c, false)));
            for (CloudGrant g : b.grants()) {
                if (nowGrants.contains(g.key()) || !covered(g, p.grants())) {
                    put(before, creep(p, g, Set.of(), false));
                }
            }
        }
        baseline.principals().forEach(b -> put(before, principal(b, false)));
        Set<String> leaks = new HashSet<>(baseline.leaks());

        DriftEngine.Prior prior = new DriftEngine.Prior() {
            @Override
            public DriftEngine.Known known(String fingerprint) {
                if (before.containsKey(fingerprint) || leaks.contains(fingerprint)) {
                    return DriftEngine.Known.open();
                }
                FixRef removal = removedBefore.get(fingerprint);
                return removal == null ? null : DriftEngine.Known.fixed(removal);
            }

            @Override
            public Collection<String> open() {
                // Leaks the baseline recorded are not rule findings and are never called fixed here: a run without
                // --repo would otherwise fix them all.
                return before.keySet();
            }

            @Override
            public Finding asFixed(String fingerprint) {
                return before.get(fingerprint);
            }
        };
        List<Finding> out = DriftEngine.compare(now, prior, new DriftEngine.Run(fp -> true,
                f -> touchesRegressed(f, regressedKeys) ? f.withStatus(Status.REGRESSED) : f, complete, rule -> true))
                .stream().filter(f -> !(TRACKED.contains(f.ruleId()) && f.status() == Status.EXISTING)).toList();
        return new Outcome(out, current.withHistory(history(current, baseline)));
    }

    private static void put(Map<String, Finding> byFingerprint, Finding f) {
        byFingerprint.putIfAbsent(f.fingerprint(), f);
    }

    /**
     * The removals a snapshot remembers: grants an existing principal lost (unless a wider one took them in) and every
     * grant of a removed principal, stamped now; then earlier removals still absent (a grant that came back leaves the
     * history); newest first, bounded.
     */
    private static List<RemovedGrant> history(CloudSnapshot current, CloudSnapshot baseline) {
        List<RemovedGrant> newHistory = new ArrayList<>();
        Set<String> currentGrantKeys = new HashSet<>();
        for (CloudPrincipal p : current.principals()) {
            p.grants().forEach(g -> currentGrantKeys.add(p.id() + "\u0000" + g.key()));
            CloudPrincipal b = baseline.principal(p.id());
            if (b == null) {
                continue;
            }
            Set<String> nowGrants = new HashSet<>();
            p.grants().forEach(g -> nowGrants.add(g.key()));
            for (CloudGrant g : b.grants()) {
                if (!nowGrants.contains(g.key()) && !covered(g, p.grants())) {
                    newHistory.add(new RemovedGrant(p.id(), g.key(), current.takenAt()));
                }
            }
        }
        for (CloudPrincipal b : baseline.principals()) {
            if (current.principal(b.id()) == null) {
                b.grants().forEach(g -> newHistory.add(new RemovedGrant(b.id(), g.key(), current.takenAt())));
            }
        }
        for (RemovedGrant h : baseline.history()) {
            if (!currentGrantKeys.contains(h.principal() + "\u0000" + h.grant())) {
                newHistory.add(h);
            }
        }
        Map<String, RemovedGrant> dedup = new LinkedHashMap<>();
        newHistory.stream().sorted(Comparator.comparing(RemovedGrant::removedAt).reversed())
                .forEach(h -> dedup.putIfAbsent(h.principal() + "\u0000" + h.grant(), h));
        return dedup.values().stream().limit(HISTORY_LIMIT).toList();
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
        return factory.toFinding(detect("cloud-principal-added", p, "principal", null, p.kind() + " " + p.type() + " "
                + p.name() + (added ? " was added" : " was removed") + " since the baseline snapshot ("
                + p.grants().size() + " grants, " + p.credentials().size() + " credentials)", null, props));
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
        return factory.toFinding(detect("cloud-credential-added", p, "credential " + credentialKey(c), null,
                p.kind() + " " + p.type() + " " + p.name() + (added ? " gained " : " lost ") + c.type() + " " + c.id()
                        + " since the baseline snapshot", "access-key".equals(c.type()) ? c.id() : null, props));
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
        return factory.toFinding(detect("cloud-privilege-creep", p, "grant " + g.key(), sev, msg, null, props));
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

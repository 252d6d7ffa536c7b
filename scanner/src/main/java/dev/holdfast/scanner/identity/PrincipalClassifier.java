package dev.holdfast.scanner.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.IdentityKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells a cloud principal's identity kind (human, agent, bot, workload) from its tags, path and name, by the patterns
 * in {@code principals.yml}; {@link CommitAuthorClassifier} does the same for the people and machines behind commits,
 * from {@code commit-authors.yml} in the same folder.
 */
public final class PrincipalClassifier {

    /** The YAML shape of principals.yml. */
    public record Patterns(List<String> tagKeys, Map<String, String> tagValues, Map<String, String> tagFlags,
                           List<Match> paths, List<Match> names, Map<String, String> typeDefaults) {
        public Patterns {
            tagKeys = tagKeys == null ? List.of() : tagKeys;
            tagValues = tagValues == null ? Map.of() : tagValues;
            tagFlags = tagFlags == null ? Map.of() : tagFlags;
            paths = paths == null ? List.of() : paths;
            names = names == null ? List.of() : names;
            typeDefaults = typeDefaults == null ? Map.of() : typeDefaults;
        }
    }

    private static final java.util.Set<String> TRUTHY = java.util.Set.of("true", "yes", "1", "y", "on");

    public record Match(String pattern, String kind) {
    }

    private record Compiled(Pattern pattern, IdentityKind kind) {
    }

    private final Patterns patterns;
    /** Layers of (path patterns, name patterns), checked in order: a config's before the bundled ones. */
    private final List<List<Compiled>> pathLayers = new ArrayList<>();
    private final List<List<Compiled>> nameLayers = new ArrayList<>();

    public PrincipalClassifier(Patterns patterns) {
        this.patterns = patterns;
        pathLayers.add(patterns.paths().stream().map(PrincipalClassifier::compile).toList());
        nameLayers.add(patterns.names().stream().map(PrincipalClassifier::compile).toList());
    }

    private PrincipalClassifier(Patterns patterns, PrincipalClassifier below, Patterns extra) {
        this.patterns = patterns;
        pathLayers.add(extra.paths().stream().map(PrincipalClassifier::compile).toList());
        nameLayers.add(extra.names().stream().map(PrincipalClassifier::compile).toList());
        pathLayers.addAll(below.pathLayers);
        nameLayers.addAll(below.nameLayers);
    }

    /**
     * The bundled patterns with a config's extra ones in front (so they win): tag keys, tag values, then the
     * config's path and name patterns before the bundled ones. Kinds are checked; a bad regular expression or kind is an IllegalArgumentException naming it.
     */
    public PrincipalClassifier withExtra(Patterns extra) {
        if (extra == null) {
            return this;
        }
        List<String> tagKeys = new ArrayList<>(extra.tagKeys());
        tagKeys.addAll(patterns.tagKeys());
        Map<String, String> tagFlags = new java.util.LinkedHashMap<>(patterns.tagFlags());
        extra.tagFlags().forEach((k, v) -> tagFlags.put(k.toLowerCase(Locale.ROOT), v));
        tagFlags.values().forEach(PrincipalClassifier::kind);
        Map<String, String> tagValues = new java.util.LinkedHashMap<>(patterns.tagValues());
        extra.tagValues().forEach((k, v) -> tagValues.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> defaults = new java.util.LinkedHashMap<>(patterns.typeDefaults());
        defaults.putAll(extra.typeDefaults());
        for (String kind : tagValues.values()) {
            kind(kind);
        }
        defaults.values().forEach(PrincipalClassifier::kind);
        return new PrincipalClassifier(new Patterns(tagKeys, tagValues, tagFlags, patterns.paths(), patterns.names(),
                defaults), this, extra);
    }

    private static IdentityKind kind(String id) {
        try {
            return IdentityKind.fromId(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown identity kind '" + id + "' (human, agent, bot, workload)");
        }
    }

    private static Compiled compile(Match m) {
        try {
            return new Compiled(Pattern.compile(m.pattern()), kind(m.kind()));
        } catch (java.util.regex.PatternSyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("bad identity pattern '" + m.pattern() + "'");
        }
    }

    public static PrincipalClassifier defaults() {
        try (InputStream in = PrincipalClassifier.class.getResourceAsStream("principals.yml")) {
            return new PrincipalClassifier(new ObjectMapper(new YAMLFactory()).readValue(in, Patterns.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read principals.yml", e);
        }
    }

    /**
     * @param type principal type (user, role, root, application, service-principal)
     * @param path IAM path or null
     */
    public IdentityKind classify(String type, String path, String name, Map<String, String> tags) {
        if (tags != null) {
            for (String key : patterns.tagKeys()) {
                for (Map.Entry<String, String> t : tags.entrySet()) {
                    if (t.getKey().equalsIgnoreCase(key) && t.getValue() != null) {
                        String value = t.getValue().trim().toLowerCase(Locale.ROOT);
                        String kind = patterns.tagValues().get(value);
                        if (kind == null && TRUTHY.contains(value)) {
                            kind = patterns.tagFlags().get(key.toLowerCase(Locale.ROOT));
                        }
                        if (kind != null) {
                            return IdentityKind.fromId(kind);
                        }
                    }
                }
            }
        }
        for (int layer = 0; layer < pathLayers.size(); layer++) {
            if (path != null) {
                for (Compiled c : pathLayers.get(layer)) {
                    if (c.pattern().matcher(path).find()) {
                        return c.kind();
                    }
                }
            }
            if (name != null) {
                for (Compiled c : nameLayers.get(layer)) {
                    if (c.pattern().matcher(name).find()) {
                        return c.kind();
                    }
                }
            }
        }
        String d = patterns.typeDefaults().get(type);
        return d == null ? IdentityKind.UNKNOWN : IdentityKind.fromId(d);
    }
}

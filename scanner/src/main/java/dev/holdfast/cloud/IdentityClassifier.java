package dev.holdfast.cloud;

import dev.holdfast.model.IdentityKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Tells a cloud principal's identity kind from its tags, path and name, by the patterns in identity-patterns.yml. */
public final class IdentityClassifier {

    /** The YAML shape of identity-patterns.yml. */
    public record Patterns(List<String> tagKeys, Map<String, String> tagValues, List<Match> paths, List<Match> names,
                           Map<String, String> typeDefaults) {
    }

    public record Match(String pattern, String kind) {
    }

    private record Compiled(Pattern pattern, IdentityKind kind) {
    }

    private final Patterns patterns;
    private final List<Compiled> paths = new ArrayList<>();
    private final List<Compiled> names = new ArrayList<>();

    public IdentityClassifier(Patterns patterns) {
        this.patterns = patterns;
        patterns.paths().forEach(m -> paths.add(new Compiled(Pattern.compile(m.pattern()), IdentityKind.fromId(m.kind()))));
        patterns.names().forEach(m -> names.add(new Compiled(Pattern.compile(m.pattern()), IdentityKind.fromId(m.kind()))));
    }

    public static IdentityClassifier defaults() {
        return new IdentityClassifier(Resources.yaml("identity-patterns.yml", Patterns.class));
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
                        String kind = patterns.tagValues().get(t.getValue().trim().toLowerCase(Locale.ROOT));
                        if (kind != null) {
                            return IdentityKind.fromId(kind);
                        }
                    }
                }
            }
        }
        if (path != null) {
            for (Compiled c : paths) {
                if (c.pattern().matcher(path).find()) {
                    return c.kind();
                }
            }
        }
        if (name != null) {
            for (Compiled c : names) {
                if (c.pattern().matcher(name).find()) {
                    return c.kind();
                }
            }
        }
        String d = patterns.typeDefaults().get(type);
        return d == null ? IdentityKind.UNKNOWN : IdentityKind.fromId(d);
    }
}

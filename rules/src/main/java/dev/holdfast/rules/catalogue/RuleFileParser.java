package dev.holdfast.rules.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.tokens.TokenCheck;
import dev.holdfast.rules.tokens.TokenChecks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and validates a rule file; every problem is one line naming the file, the rule and what is wrong. */
final class RuleFileParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> KEYS = Set.of("id", "title", "description", "category", "severity", "keywords",
            "pattern", "group", "entropy", "minLength", "paths", "skipPaths", "allow", "remediation", "tags",
            "generic", "keyWords", "capture", "pairWith", "priority", "examples", "joinPrevious", "needs", "provider",
            "validate", "nameContains", "value", "startsWithin", "nameWithin", "strongKey", "credentialPosition");
    /** A {@code nameContains} made of plain words ({@code mistral}, {@code co_api|cohere}): its keywords are those. */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[a-z0-9_.-]+(?:\\|[a-z0-9_.-]+)*");
    private static final Set<String> CAPTURES = Set.of("match", "pem", "putty");

    private final String source;
    private final String family;
    private final boolean checkPatterns;

    /**
     * @param source what problems name ("builtin:ai.yml", a path)
     * @param family the family of the rules read (the built-in file's name; "custom" for user rule files)
     * @param checkPatterns compile every rule's pattern now, so that a bad regex or group is reported at load; false
     *                      for the built-in rules, whose patterns are checked by the build and compiled on first use
     */
    RuleFileParser(String source, String family, boolean checkPatterns) {
        this.source = source;
        this.family = family;
        this.checkPatterns = checkPatterns;
    }

    List<SecretRule> parse(InputStream in) {
        Object root;
        try {
            root = YAML.readValue(in, Object.class);
        } catch (IOException e) {
            throw fail("not valid YAML: " + firstLine(e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> list)) {
            throw fail("expected a top-level 'rules:' list");
        }
        for (Object k : top.keySet()) {
            if (!"rules".equals(k)) {
                throw fail("unknown top-level key '" + k + "' (expected only 'rules')");
            }
        }
        List<SecretRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(i + 1, list.get(i)));
        }
        return rules;
    }

    private SecretRule rule(int position, Object node) {
        String where = "rule #" + position;
        if (!(node instanceof Map<?, ?> raw)) {
            throw fail(where + ": expected a mapping");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k), v));
        Object idValue = m.get("id");
        if (idValue instanceof String s && !s.isBlank()) {
            where = where + " '" + s + "'";
        }
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw fail(where + ": unknown key '" + k + "'");
            }
        }
        String id = required(m, "id", where);
        if (!ID.matcher(id).matches()) {
            throw fail(where + ": id must be kebab-case (a-z, 0-9, '-')");
        }
        String title = required(m, "title", where);
        boolean assignment = m.containsKey("nameContains") || m.containsKey("value");
        if (assignment && m.containsKey("pattern")) {
            throw fail(where + ": give either 'pattern' or 'nameContains' with 'value', not both");
        }
        String patternText = assignment
                ? AssignmentPattern.of(checked(required(m, "nameContains", where), where, "nameContains"),
                        checked(required(m, "value", where), where, "value"))
                : required(m, "pattern", where);
        LazyPattern pattern = checkPatterns ? new LazyPattern(compile(patternText, where, "pattern"))
                : new LazyPattern(patternText);
        Category category;
        Severity severity;
        try {
            category = Category.fromId(string(m, "category", "secret", where));
            severity = Severity.fromId(string(m, "severity", "high", where));
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
        List<String> keywords = strings(m, "keywords", where).stream().map(SecretRule::lower).toList();
        if (keywords.isEmpty() && assignment && PLAIN_WORDS.matcher(string(m, "nameContains", "", where)).matches()) {
            keywords = List.of(string(m, "nameContains", "", where).split("\\|"));
        }
        List<String> paths = strings(m, "paths", where);
        if (keywords.isEmpty() && paths.isEmpty()) {
            throw fail(where + ": needs 'keywords' or 'paths' so that it does not run on every line");
        }
        String group = m.get("group") == null ? null : String.valueOf(m.get("group"));
        if (group != null) {
            checkGroup(pattern, group, where);
        }
        boolean generic = Boolean.TRUE.equals(m.get("generic"));
        List<String> keyWords = strings(m, "keyWords", where).stream().map(SecretRule::lower).toList();
        if (generic && (keyWords.isEmpty() || !patternText.contains("(?<key>"))) {
            throw fail(where + ": a generic rule needs 'keyWords' and a (?<key>...) group in its pattern");
        }
        String capture = string(m, "capture", "match", where);
        if (!CAPTURES.contains(capture)) {
            throw fail(where + ": capture must be one of " + CAPTURES);
        }
        List<SecretRule.Example> match = new ArrayList<>();
        List<SecretRule.Example> noMatch = new ArrayList<>();
        examples(m.get("examples"), match, noMatch, where);
        String at = where;
        String provider = string(m, "provider", null, where);
        // An assignment rule's value shape is all it knows about the value: without a stated bar, a random one.
        double entropy = m.containsKey("entropy") || !assignment ? number(m, "entropy", where) : 3.0;
        String remediation = provider == null
                ? "Revoke and rotate the credential, then remove it from the code."
                : "Revoke the credential in " + provider + " and issue a new one; keep it in a secret store, not in the code.";
        return new SecretRule(id, title, string(m, "description", title, where), category, severity, keywords,
                pattern, group, entropy, (int) number(m, "minLength", where),
                paths.stream().map(Glob::compile).toList(),
                strings(m, "skipPaths", where).stream().map(Glob::compile).toList(),
                strings(m, "allow", where).stream().map(a -> compile(a, at, "allow")).toList(),
                string(m, "remediation", remediation, where),
                strings(m, "tags", where), generic, keyWords, capture,
                m.get("pairWith") == null ? null : compile(string(m, "pairWith", null, where), where, "pairWith"),
                (int) number(m, "priority", where), List.copyOf(match), List.copyOf(noMatch), source,
                SecretRule.namedGroupsOf(pattern.pattern()), Boolean.TRUE.equals(m.get("joinPrevious")),
                strings(m, "needs", where), Boolean.TRUE.equals(m.get("strongKey")), provider, family, checks(m, where),
                assignment ? new SecretRule.Assignment(string(m, "nameContains", null, where), string(m, "value", null, where))
                        : null,
                m.containsKey("startsWithin") ? startsWithin(m, keywords, where) : -1,
                m.containsKey("nameWithin") ? nameWithin(m, generic, keyWords, where) : -1,
                Boolean.TRUE.equals(m.get("credentialPosition")));
    }

    private int startsWithin(Map<String, Object> m, List<String> keywords, String where) {
        double n = number(m, "startsWithin", where);
        if (n < 0 || n != Math.floor(n) || n > 1000) {
            throw fail(where + ": 'startsWithin' must be a whole number from 0 to 1000");
        }
        if (keywords.isEmpty()) {
            throw fail(where + ": 'startsWithin' needs 'keywords' (matches start near one of them)");
        }
        return (int) n;
    }

    private int nameWithin(Map<String, Object> m, boolean generic, List<String> keyWords, String where) {
        double n = number(m, "nameWithin", where);
        if (n < 0 || n != Math.floor(n) || n > 1000) {
            throw fail(where + ": 'nameWithin' must be a whole number from 0 to 1000");
        }
        if (!generic || keyWords.isEmpty()) {
            throw fail(where + ": 'nameWithin' is for generic rules with 'keyWords' (matches start near one of them)");
        }
        return (int) n;
    }

    private List<TokenCheck> checks(Map<String, Object> m, String where) {
        List<TokenCheck> checks = new ArrayList<>();
        if (m.containsKey("nameContains") && !strings(m, "validate", where).contains("not-identifier")) {
            checks.add(TokenChecks.named("not-identifier"));
        }
        for (String name : strings(m, "validate", where)) {
            try {
                checks.add(TokenChecks.named(name));
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(checks);
    }

    private void examples(Object node, List<SecretRule.Example> match, List<SecretRule.Example> noMatch,
                          String where) {
        if (node == null) {
            return;
        }
        if (!(node instanceof Map<?, ?> ex)) {
            throw fail(where + ": 'examples' must be a mapping with 'match' and 'noMatch'");
        }
        for (Map.Entry<?, ?> e : ex.entrySet()) {
            String k = String.valueOf(e.getKey());
            List<SecretRule.Example> target = switch (k) {
                case "match" -> match;
                case "noMatch" -> noMatch;
                default -> throw fail(where + ": unknown key 'examples." + k + "'");
            };
            if (!(e.getValue() instanceof List<?> items)) {
                throw fail(where + ": 'examples." + k + "' must be a list");
            }
            for (Object item : items) {
                if (item instanceof String s) {
                    target.add(new SecretRule.Example("snippet.txt", s, null));
                } else if (item instanceof Map<?, ?> im && im.get("text") instanceof String t) {
                    for (Object ik : im.keySet()) {
                        if (!"text".equals(ik) && !"path".equals(ik) && !("severity".equals(ik) && target == match)) {
                            throw fail(where + ": unknown key '" + ik + "' in an example");
                        }
                    }
                    Object p = im.get("path");
                    Severity expected = null;
                    if (im.get("severity") != null) {
                        try {
                            expected = Severity.fromId(String.valueOf(im.get("severity")));
                        } catch (IllegalArgumentException bad) {
                            throw fail(where + ": unknown severity '" + im.get("severity") + "' in an example");
                        }
                    }
                    target.add(new SecretRule.Example(p == null ? "snippet.txt" : String.valueOf(p), t, expected));
                } else {
                    throw fail(where + ": an example must be a string or {path, text}");
                }
            }
        }
    }

    private void checkGroup(LazyPattern pattern, String group, String where) {
        if (group.chars().allMatch(Character::isDigit)) {
            if (checkPatterns && Integer.parseInt(group) > pattern.matcher("").groupCount()) {
                throw fail(where + ": group " + group + " does not exist in the pattern");
            }
        } else if (!SecretRule.namedGroupsOf(pattern.pattern()).contains(group)) {
            throw fail(where + ": named group '" + group + "' does not exist in the pattern");
        }
    }

    /** The regex, compiled to check it when this parser checks patterns. */
    private String checked(String regex, String where, String what) {
        return checkPatterns ? compile(regex, where, what).pattern() : regex;
    }

    private Pattern compile(String regex, String where, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw fail(where + ": " + what + " does not compile: " + firstLine(e.getDescription()) + " near index "
                    + e.getIndex());
        }
    }

    private String required(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw fail(where + ": missing or empty '" + key + "'");
        }
        return s;
    }

    private String string(Map<String, Object> m, String key, String dflt, String where) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map || v instanceof List) {
            throw fail(where + ": '" + key + "' must be a single value");
        }
        return String.valueOf(v).strip();
    }

    private double number(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw fail(where + ": '" + key + "' must be a number");
    }

    private List<String> strings(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw fail(where + ": '" + key + "' must be a list of strings");
    }

    private RuleFileException fail(String problem) {
        return new RuleFileException(source + ": " + problem);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

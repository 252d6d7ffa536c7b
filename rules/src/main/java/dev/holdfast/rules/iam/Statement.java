package dev.holdfast.rules.iam;

import java.util.List;
import java.util.Map;

/**
 * One policy statement, normalised: single strings become one-element lists.
 *
 * @param sid          the Sid, or "" when absent
 * @param allow        true for Effect Allow, false for Deny
 * @param actions      the Action or NotAction patterns as written
 * @param notAction    true when {@code actions} came from NotAction
 * @param resources    the Resource or NotResource patterns; empty when the statement names none (trust policies)
 * @param notResource  true when {@code resources} came from NotResource
 * @param principals   principal type ("AWS", "Service", "Federated", "*") to values; empty when absent
 * @param notPrincipal true when {@code principals} came from NotPrincipal
 * @param conditions   operator to (condition key to values), as written
 * @param line         1-based line of the statement's opening brace in the source, 0 when unknown
 * @param index        0-based position of the statement in its policy
 * @param tokenLines   line of each Action/NotAction/Resource/NotResource string, keyed "Element\u0000value"
 */
public record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
                        boolean notResource, Map<String, List<String>> principals, boolean notPrincipal,
                        Map<String, Map<String, List<String>>> conditions, int line, int index,
                        Map<String, Integer> tokenLines) {

    public Statement {
        sid = sid == null ? "" : sid;
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        principals = Map.copyOf(principals);
        conditions = Map.copyOf(conditions);
        tokenLines = tokenLines == null ? Map.of() : Map.copyOf(tokenLines);
    }

    /** A statement without token lines (built in code rather than parsed). */
    public Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
                     boolean notResource, Map<String, List<String>> principals, boolean notPrincipal,
                     Map<String, Map<String, List<String>>> conditions, int line, int index) {
        this(sid, allow, actions, notAction, resources, notResource, principals, notPrincipal, conditions, line, index,
                Map.of());
    }

    /** Line of an action pattern as written in Action/NotAction, or the statement's line. */
    public int actionLine(String pattern) {
        return tokenLines.getOrDefault((notAction ? "NotAction" : "Action") + "\u0000" + pattern, line);
    }

    /** Line of a resource pattern as written in Resource/NotResource, or the statement's line. */
    public int resourceLine(String pattern) {
        return tokenLines.getOrDefault((notResource ? "NotResource" : "Resource") + "\u0000" + pattern, line);
    }

    public boolean hasConditions() {
        return !conditions.isEmpty();
    }

    /** The values of a condition key under any operator (keys compare case-insensitively, as IAM does). */
    public List<String> conditionValues(String key) {
        List<String> out = new java.util.ArrayList<>();
        conditions.values().forEach(byKey -> byKey.forEach((k, v) -> {
            if (k.equalsIgnoreCase(key)) {
                out.addAll(v);
            }
        }));
        return out;
    }

    /** Every condition key the statement names, sorted case-insensitively, without duplicates. */
    public List<String> conditionKeys() {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        conditions.values().forEach(m -> keys.addAll(m.keySet()));
        return List.copyOf(keys);
    }

    /** True when a condition of the statement requires MFA. */
    public boolean requiresMfa() {
        return conditionKeys().stream().anyMatch(Statement::isMfaKey);
    }

    static boolean isMfaKey(String key) {
        return key.equalsIgnoreCase("aws:MultiFactorAuthPresent") || key.equalsIgnoreCase("aws:MultiFactorAuthAge");
    }

    /** True when the statement names a condition key under any operator. */
    public boolean hasConditionKey(String key) {
        return conditions.values().stream().anyMatch(m -> m.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key)));
    }
}

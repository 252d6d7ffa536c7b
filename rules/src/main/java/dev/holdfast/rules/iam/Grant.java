package dev.holdfast.rules.iam;

import java.util.List;

/**
 * One effective grant, as tracked over time: an action (or, for wildcards over many actions, the pattern as written)
 * on a resource pattern, after Deny statements were taken off.
 *
 * @param action      "iam:PassRole", or a pattern such as "s3:Get*", "*", or "NotAction(iam:*)"
 * @param resource    the resource pattern as written, or "NotResource(…)"
 * @param level       the highest access level among the actions the grant covers
 * @param actionCount how many catalogue actions it covers (1 for a single action, 0 for an action unknown to the
 *                    catalogue)
 * @param conditional true when the statement has a Condition (the grant may be narrower than it looks)
 * @param policy      identity of the policy the statement is in
 * @param line        1-based line of the statement (its opening brace), 0 when unknown
 * @param escalations   ids of escalation paths this grant takes part in, sorted
 * @param conditionKeys the condition keys of the statement ("aws:MultiFactorAuthPresent"), sorted; empty when none
 * @param lines         the lines that make the grant (the action as written and the resource), sorted: who last
 *                      changed any of them made the grant what it is
 */
public record Grant(String action, String resource, AccessLevel level, int actionCount, boolean conditional,
                    String policy, int line, List<String> escalations, List<String> conditionKeys,
                    List<Integer> lines) {

    public Grant {
        escalations = List.copyOf(escalations);
        conditionKeys = List.copyOf(conditionKeys);
        lines = lines == null || lines.isEmpty() ? List.of(line) : List.copyOf(new java.util.TreeSet<>(lines));
    }

    /** True when the statement requires MFA (aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge). */
    public boolean requiresMfa() {
        return conditionKeys.stream().anyMatch(Statement::isMfaKey);
    }

    /** The stable, value-like key of the grant within its policy: "action|resource". */
    public String key() {
        return action + "|" + resource;
    }
}

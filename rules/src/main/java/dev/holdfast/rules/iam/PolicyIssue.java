package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Severity;

import java.util.Map;

/**
 * A risk found in one or more policies, before it becomes a {@link dev.holdfast.rules.detect.Detection}.
 *
 * @param ruleId     one of {@link IamRules}
 * @param key        stable, value-like key of what the issue is about within its policy, e.g. "privesc:lambda-001",
 *                   "admin", "passrole:*"; the detector prefixes the policy identity to make the detection subject
 * @param policy     identity of the policy whose statement the issue points at
 * @param line       1-based line of that statement (its opening brace), 0 when unknown; the lines of the very
 *                   action and resource the issue is about are in {@link dev.holdfast.rules.model.FindingProperty#LINES}
 * @param properties extra facts for reports (actions, path ids, access level)
 */
public record PolicyIssue(String ruleId, Severity severity, String message, String key, String policy, int line,
                          String remediation, Map<String, String> properties) {

    public PolicyIssue {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}

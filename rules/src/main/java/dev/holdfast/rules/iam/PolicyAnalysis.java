package dev.holdfast.rules.iam;

import java.util.List;

/**
 * Everything the analyser found in a set of policies.
 *
 * @param permissions the effective permissions (Allow minus Deny)
 * @param grants      effective grants as tracked over time (wildcards over many actions kept as written), sorted
 * @param issues      risks (admin, wildcards, PassRole, credentials, exfiltration, escalation), sorted by policy,
 *                    line and key
 * @param escalations ids of the escalation paths the permissions complete, sorted
 */
public record PolicyAnalysis(EffectivePermissions permissions, List<Grant> grants, List<PolicyIssue> issues,
                             List<String> escalations) {

    public PolicyAnalysis {
        grants = List.copyOf(grants);
        issues = List.copyOf(issues);
        escalations = List.copyOf(escalations);
    }
}

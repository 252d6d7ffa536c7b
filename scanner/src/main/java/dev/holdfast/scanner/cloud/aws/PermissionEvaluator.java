package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudRisk;

import java.util.List;

/**
 * Turns the policy documents that apply to one principal (inline, attached managed, and its groups' policies) into
 * effective grants and the risks they add up to. Kept behind this one interface so the IAM policy engine of the rules
 * module can be swapped in without touching the inventory or the rules.
 */
public interface PermissionEvaluator {

    /** @param policies decoded JSON policy documents; a document that cannot be parsed is skipped with a warning */
    EffectivePermissions evaluate(List<PolicyText> policies);

    /**
     * One policy document of a principal.
     *
     * @param name a stable identity: the managed policy ARN, or "inline:user/NAME/POLICY"
     * @param json the decoded document
     */
    record PolicyText(String name, String json) {
    }

    /**
     * @param grants   effective Allow grants after Deny statements were taken off
     * @param risks    admin, privilege-escalation, credentials-exposure and data-exfiltration findings of the engine
     * @param warnings policies that could not be read, one line each
     */
    record EffectivePermissions(List<CloudGrant> grants, List<CloudRisk> risks, List<String> warnings) {
    }
}

package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;

/**
 * One effective Allow after Deny statements were taken off: an action (or action pattern) on a resource pattern.
 *
 * @param action      e.g. "iam:PassRole", "s3:*", "*", or "NotAction:iam:*" for an Allow with NotAction
 * @param accessLevel List | Read | Write | Permissions management | Tagging | Full (wildcards), or null if unknown
 * @param mfaRequired true when the Allow only holds with MFA (aws:MultiFactorAuthPresent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudGrant(String action, String resource, String accessLevel, Boolean mfaRequired) {
    public static final Comparator<CloudGrant> ORDER = Comparator.comparing(CloudGrant::action)
            .thenComparing(CloudGrant::resource);

    /** The identity of a grant across snapshots (access level and conditions are attributes, not identity). */
    public String key() {
        return action + " on " + resource;
    }
}

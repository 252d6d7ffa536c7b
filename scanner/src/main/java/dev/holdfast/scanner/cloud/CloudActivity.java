package dev.holdfast.scanner.cloud;

import java.time.Instant;

/**
 * One entry of a provider's activity log: who did what to which principal, and when.
 *
 * @param eventId    the provider's id of the event (a CloudTrail event id, an Activity Log event data id, an Entra
 *                   audit id)
 * @param source     the log it came from: cloudtrail, activity-log, entra-audit
 * @param action     what was done, as the provider names it ({@code iam:AttachRolePolicy},
 *                   {@code Microsoft.Authorization/roleAssignments/write}, {@code Add service principal credentials})
 * @param change     what it changed: grant, trust, credential, principal, session; {@code assume} for a role
 *                   assumption; null for any other call (what the actor used)
 * @param target     the id of the principal it changed (an ARN, {@code /servicePrincipals/{id}}), or null
 * @param targetName the principal, group or policy as the event names it, or null
 * @param detail     what the change was about, for people (the policy ARN, the role name), or null
 * @param actor      who did it
 * @param userAgent  the caller's user agent, or null
 * @param sourceIp   the caller's address, or null
 * @param longTermKey true when the call was signed with a long-term access key (AKIA…), not a session
 */
public record CloudActivity(String eventId, Instant at, String source, String action, String change, String target,
                            String targetName, String detail, CloudActor actor, String userAgent, String sourceIp,
                            boolean longTermKey) {

    /** The service an action belongs to: {@code s3} for {@code s3:GetObject}. */
    public String service() {
        int c = action.indexOf(':');
        return c < 0 ? action : action.substring(0, c);
    }

    public CloudActivity withActor(CloudActor a) {
        return new CloudActivity(eventId, at, source, action, change, target, targetName, detail, a, userAgent,
                sourceIp, longTermKey);
    }
}

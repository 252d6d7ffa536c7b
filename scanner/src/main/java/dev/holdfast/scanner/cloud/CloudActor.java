package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;

import java.time.Instant;

/**
 * The identity behind an activity-log entry.
 *
 * @param id             the principal it acts as: the role's ARN for an assumed role, the user's ARN, the service
 *                       principal's id; what findings and the inventory call it
 * @param arn            the exact caller (an assumed-role session ARN), or {@code id}
 * @param name           the principal's name (role, user, application, user principal name)
 * @param session        the role session name, or null
 * @param kind           its identity kind, by the same patterns as the inventory's principals (and the session's)
 * @param onBehalfOf     the person an agent or bot acted for: the source identity, or whoever assumed the role it
 *                       acts as, following the AssumeRole chain; null when unknown or not delegated
 * @param sourceIdentity the session's source identity as the log records it, or null
 * @param console        true for a change made in the cloud's web console
 */
public record CloudActor(String id, String arn, String name, String session, IdentityKind kind, String onBehalfOf,
                    String sourceIdentity, boolean console) {

    /** "triage-agent (session claude-code-7f3a)" or the name alone. */
    public String display() {
        return session == null || session.isBlank() ? name : name + " (session " + session + ")";
    }

    public CloudActor withOnBehalfOf(String person) {
        return new CloudActor(id, arn, name, session, kind, person, sourceIdentity, console);
    }

    /** As a finding's {@code introducedBy}: who made the change, of which kind, when, for whom. */
    public Attribution attribution(Instant at) {
        Person behalf = onBehalfOf == null ? null : new Person(onBehalfOf, onBehalfOf.contains("@") ? onBehalfOf : null);
        String email = name != null && name.contains("@") ? name : null;
        return new Attribution(null, display(), email, kind, at, behalf);
    }
}

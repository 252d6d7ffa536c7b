package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.model.Attribution;

import java.time.Instant;

/**
 * One entry of a provider's activity log: who did what to which resource, and when (issue 20 fills these in).
 *
 * @param eventId  the provider's id of the event (a CloudTrail event id, an Activity Log event data id)
 * @param action   what was done, as the provider names it ({@code iam:AttachRolePolicy})
 * @param resource the resource it was done to (an ARN, an Azure resource id)
 * @param actor    who did it: name, identity kind and, for an agent, on whose behalf
 */
public record CloudActivity(String eventId, Instant at, String action, String resource, Attribution actor) {
}

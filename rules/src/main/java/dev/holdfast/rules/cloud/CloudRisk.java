package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A dangerous combination in a principal's effective grants, as the policy engine names it.
 *
 * @param kind     admin | privilege-escalation | credentials-exposure | data-exfiltration
 * @param id       a stable id of the path or pattern (e.g. "passrole-lambda")
 * @param severity critical | high | medium | low
 * @param actions  the granted actions that make it up, sorted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudRisk(String kind, String id, String title, String severity, List<String> actions,
                        Boolean mfaRequired) {
    public CloudRisk {
        actions = actions == null ? List.of() : actions.stream().sorted().distinct().toList();
    }
}

package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An Azure RBAC role assignment held by a principal.
 *
 * @param scopeLevel management-group | subscription | resource-group | resource
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleAssignment(String id, String scope, String scopeLevel, String roleName, String roleDefinitionId) {
}

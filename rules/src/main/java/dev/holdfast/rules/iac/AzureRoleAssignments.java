package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.cloud.azure.AzureRoles;

import java.util.Map;
import java.util.Optional;

import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/** The ARM / Bicep role-assignment check: privileged role + service principal + subscription or MG scope. */
final class AzureRoleAssignments {
    private AzureRoleAssignments() {
    }

    /**
     * @param roleDefinition the roleDefinitionId expression (a privileged role is recognised by its GUID)
     * @param scopeKind      "subscription", "management group", or null for narrower / unknown scopes
     */
    static Optional<Detection> check(String format, String name, String roleDefinition, String principalType,
                                     String principalId, String scopeKind, int line, int column) {
        Optional<AzureRoles.Role> role = AzureRoles.privileged(roleDefinition);
        if (role.isEmpty() || scopeKind == null) {
            return Optional.empty();
        }
        boolean sp = "ServicePrincipal".equalsIgnoreCase(principalType == null ? null : principalType.trim())
                || (principalType == null && principalId != null && (principalId.contains("Microsoft.ManagedIdentity")
                || principalId.contains("identity.principalId") || principalId.contains("properties.principalId")
                || principalId.contains("servicePrincipal")));
        if (!sp) {
            return Optional.empty();
        }
        return Optional.of(RULES.detection("iac-azure-privileged-role-assignment", role.get().severity(),
                role.get().name() + " is assigned to a service principal at " + scopeKind + " scope (" + name + ")",
                line, column, name + "|" + role.get().name(), role.get().name(),
                Map.of(FindingProperty.RESOURCE.key(), name, "format", format, "role", role.get().name(), "scope", scopeKind)));
    }
}

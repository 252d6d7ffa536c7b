package dev.holdfast.scanner.cloud.azure;

import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.scanner.cloud.CloudActivity;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.RoleAssignment;
import dev.holdfast.rules.cloud.azure.AzureRoles;
import dev.holdfast.scanner.scan.FindingFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;

/**
 * What agent service principals did with the roles they hold ({@code azure-unused-role-scope}): a role that can change
 * things (any level but Read/List) held at a scope where the agent made no change in the window, or held at a
 * subscription or management group while every change it made was inside a few resource groups. The Activity Log
 * records changes, not reads, so read-only roles are not judged; nothing is claimed without activity data.
 */
final class AgentRoleUse {
    private AgentRoleUse() {
    }

    static List<Finding> find(CloudSnapshot snapshot, ActivityLog log, FindingFactory factory) {
        List<Finding> out = new ArrayList<>();
        if (!log.read() || log.gap() != null || log.events().isEmpty()) {
            return out;
        }
        long days = Math.max(1, Duration.between(log.from(), log.to()).toDays());
        for (CloudPrincipal p : snapshot.principals()) {
            if (!"agent".equals(p.kind()) || !"service-principal".equals(p.type())) {
                continue;
            }
            for (RoleAssignment ra : p.roleAssignments()) {
                String level = AzureRoles.byName(ra.roleName()).map(AzureRoles.Role::level).orElse("Write");
                if (level.equals("Read") || level.equals("List")) {
                    continue;
                }
                String scope = ra.scope().toLowerCase(Locale.ROOT);
                Set<String> groups = new TreeSet<>();
                boolean outsideGroups = false;
                int changes = 0;
                for (CloudActivity a : log.events()) {
                    String where = a.targetName() == null ? "" : a.targetName().toLowerCase(Locale.ROOT);
                    if (p.id().equals(a.actor().id()) && a.change() == null && where.startsWith(scope)) {
                        changes++;
                        String group = resourceGroup(a.targetName());
                        if (group == null) {
                            outsideGroups = true;
                        } else {
                            groups.add(group);
                        }
                    }
                }
                boolean broad = ra.scopeLevel().equals("subscription") || ra.scopeLevel().equals("management-group");
                if (changes > 0 && (!broad || outsideGroups)) {
                    continue;
                }
                Map<String, String> props = new LinkedHashMap<>();
                props.put("roleAssignment", ra.id());
                props.put("role", ra.roleName());
                props.put("scope", ra.scope());
                props.put("windowDays", Long.toString(days));
                props.put("changesUnderScope", Integer.toString(changes));
                String suggestion = changes == 0 ? "remove the assignment"
                        : "assign " + ra.roleName() + " on " + String.join(", ", groups) + " instead";
                props.put("usedScopes", String.join(",", groups));
                props.put("suggestion", suggestion);
                String msg = "agent service principal " + p.name() + " holds " + ra.roleName() + " on " + ra.scope()
                        + (changes == 0 ? " but made no change under it in the last " + days + " days"
                        : " but changed only resources in " + String.join(", ", groups) + " in the last " + days
                        + " days") + " (Activity Log): " + suggestion;
                out.add(factory.toFinding(detect("azure-unused-role-scope", p, ra.id(), "role scope " + ra.id()
                        + (changes == 0 ? "" : " " + String.join(",", groups)), null, msg, null, props)));
            }
        }
        return out;
    }

    /** "/subscriptions/x/resourceGroups/rg" of a resource id inside a resource group, else null. */
    static String resourceGroup(String resourceId) {
        String[] parts = resourceId.split("/");
        if (parts.length >= 5 && parts[1].equalsIgnoreCase("subscriptions")
                && parts[3].equalsIgnoreCase("resourceGroups")) {
            return "/subscriptions/" + parts[2] + "/resourceGroups/" + parts[4];
        }
        return null;
    }
}

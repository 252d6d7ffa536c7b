package dev.holdfast.scanner.cloud.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.scanner.cloud.CallLog;
import dev.holdfast.scanner.cloud.CloudException;
import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.cloud.CloudCredential;
import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.RoleAssignment;
import dev.holdfast.rules.cloud.azure.AzureRoles;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Azure tenant and subscription: applications and service principals with their password and key
 * credentials from Microsoft Graph, role assignments and definitions from ARM, into a {@link CloudSnapshot}. A listing
 * that is denied or keeps failing makes the inventory partial; rejected credentials stop it.
 */
public final class AzureInventory {
    private final AzureOptions options;
    private final PrincipalClassifier classifier;
    private final Clock clock;

    public AzureInventory(AzureOptions options, PrincipalClassifier classifier, Clock clock) {
        this.options = options;
        this.classifier = classifier;
        this.clock = clock;
    }

    /** @throws CloudException when the credentials are rejected or missing */
    public CloudInventory collect() {
        if (options.subscription() == null || options.subscription().isBlank()) {
            throw new CloudException("Azure: no subscription (--subscription or AZURE_SUBSCRIPTION_ID)");
        }
        AzureHttp http = new AzureHttp(options);
        http.authenticate();
        CallLog log = new CallLog();
        String sub = options.subscription();

        List<JsonNode> apps = list(log, "graph:applications", "the applications and their credentials",
                () -> http.graphList(options.graphEndpoint() + "/v1.0/applications"));
        List<JsonNode> sps = list(log, "graph:servicePrincipals", "the service principals and their credentials",
                () -> http.graphList(options.graphEndpoint() + "/v1.0/servicePrincipals"));
        String authz = options.armEndpoint() + "/subscriptions/" + sub + "/providers/Microsoft.Authorization/";
        List<JsonNode> assignments = list(log, "arm:roleAssignments", "the role assignments of subscription " + sub,
                () -> http.armList(authz + "roleAssignments?api-version=2022-04-01"));
        List<JsonNode> definitions = optional(log, "arm:roleDefinitions", "the role definitions of subscription " + sub,
                () -> http.armList(authz + "roleDefinitions?api-version=2022-04-01"));

        Map<String, String> roleNames = new HashMap<>();
        for (JsonNode d : definitions) {
            String name = d.at("/properties/roleName").asText(null);
            if (name != null) {
                roleNames.put(guid(d.path("id").asText(d.path("name").asText())), name);
            }
        }
        Map<String, List<RoleAssignment>> byPrincipal = new HashMap<>();
        for (JsonNode a : assignments) {
            JsonNode p = a.path("properties");
            String defId = p.path("roleDefinitionId").asText();
            String g = guid(defId);
            String name = roleNames.get(g);
            if (name == null) {
                name = AzureRoles.byId(g).map(AzureRoles.Role::name).orElse(g);
            }
            String scope = p.path("scope").asText();
            byPrincipal.computeIfAbsent(p.path("principalId").asText().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new RoleAssignment(a.path("id").asText(), scope, scopeLevel(scope), name, defId));
        }

        List<CloudPrincipal> principals = new ArrayList<>();
        Map<String, String> appKinds = new HashMap<>();
        for (JsonNode app : apps) {
            String name = app.path("displayName").asText();
            Map<String, String> tags = tags(app.path("tags"));
            String kind = classifier.classify("application", null, name, tags).id();
            appKinds.put(app.path("appId").asText(), kind);
            principals.add(new CloudPrincipal("/applications/" + app.path("id").asText(), "application", name, null,
                    kind, instant(app.path("createdDateTime")), null, null, null, app.path("appId").asText(null),
                    tags, credentials(app), List.of(), List.of(), List.of(), List.of()));
        }
        for (JsonNode sp : sps) {
            String name = sp.path("displayName").asText();
            Map<String, String> tags = tags(sp.path("tags"));
            String appId = sp.path("appId").asText(null);
            // The service principal carries its application's kind unless its own tags or name say more.
            String own = classifier.classify("service-principal", null, name, tags).id();
            String fromApp = appKinds.get(appId);
            String kind = fromApp != null && own.equals("workload") ? fromApp : own;
            List<RoleAssignment> ras = byPrincipal.getOrDefault(sp.path("id").asText().toLowerCase(Locale.ROOT),
                    List.of());
            List<CloudGrant> grants = new ArrayList<>();
            for (RoleAssignment ra : ras) {
                String level = AzureRoles.byName(ra.roleName()).map(AzureRoles.Role::level).orElse("Write");
                grants.add(new CloudGrant("role:" + ra.roleName(), ra.scope(), level, null));
            }
            principals.add(new CloudPrincipal("/servicePrincipals/" + sp.path("id").asText(), "service-principal",
                    name, null, kind, instant(sp.path("createdDateTime")), null, null, null, appId, tags,
                    credentials(sp), dedupe(grants), List.of(), List.of(), ras));
        }
        CloudSnapshot snap = new CloudSnapshot(CloudSnapshot.SCHEMA_VERSION, "azure", options.tenant(), sub,
                clock.instant().toString(), principals, List.of());
        return new CloudInventory(snap, log.warnings(), log.partial(), Map.of());
    }

    private interface Call {
        List<JsonNode> run();
    }

    private static List<JsonNode> list(CallLog log, String call, String what, Call c) {
        try {
            return c.run();
        } catch (AzureHttp.CallFailed e) {
            String reason = e.status == 403 || e.status == 401 ? "access denied (" + e.code + ")" : e.getMessage();
            log.missed(call, what, reason);
            return List.of();
        }
    }

    /**
     * Role definitions only name custom roles: the built-in ones are known by GUID (rules/cloud/azure/roles.yml). An endpoint
     * without the listing (404, 400) is noted; denied or failing after retries is still partial.
     */
    private static List<JsonNode> optional(CallLog log, String call, String what, Call c) {
        try {
            return c.run();
        } catch (AzureHttp.CallFailed e) {
            if (e.status == 404 || e.status == 400 || e.status == 405 || e.status == 501) {
                log.note(call, "not available at this endpoint (" + e.code + "); built-in role names used for " + what);
            } else {
                log.missed(call, what, e.status == 403 || e.status == 401 ? "access denied (" + e.code + ")"
                        : e.getMessage());
            }
            return List.of();
        }
    }

    private static List<CloudGrant> dedupe(List<CloudGrant> grants) {
        Map<String, CloudGrant> out = new LinkedHashMap<>();
        grants.forEach(g -> out.putIfAbsent(g.key(), g));
        return List.copyOf(out.values());
    }

    /** passwordCredentials (client secrets) and keyCredentials (certificates); hints and values never kept. */
    private static List<CloudCredential> credentials(JsonNode o) {
        List<CloudCredential> out = new ArrayList<>();
        for (JsonNode c : o.path("passwordCredentials")) {
            out.add(new CloudCredential(c.path("keyId").asText(), null, "client-secret", null,
                    instant(c.path("startDateTime")), instant(c.path("endDateTime")), null, null,
                    c.path("displayName").asText(null)));
        }
        for (JsonNode c : o.path("keyCredentials")) {
            out.add(new CloudCredential(c.path("keyId").asText(), null, "certificate", null,
                    instant(c.path("startDateTime")), instant(c.path("endDateTime")), null, null,
                    c.path("displayName").asText(null)));
        }
        return out;
    }

    /** Graph tags are strings; "key=value" or "key:value" become pairs, anything else a key with an empty value. */
    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : tags) {
            String s = t.asText();
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.put(s.substring(0, eq), s.substring(eq + 1));
            } else {
                int colon = s.lastIndexOf(':');
                if (colon > 0 && colon < s.length() - 1) {
                    out.put(s.substring(0, colon), s.substring(colon + 1));
                } else {
                    out.put(s, "");
                }
            }
        }
        return out;
    }

    static String scopeLevel(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        if (s.equals("/") || s.startsWith("/providers/microsoft.management/managementgroups/")) {
            return "management-group";
        }
        String[] parts = s.split("/");
        // "", "subscriptions", id [, "resourcegroups", rg [, "providers", ...]]
        if (parts.length <= 3) {
            return "subscription";
        }
        if (parts.length <= 5) {
            return "resource-group";
        }
        return "resource";
    }

    private static String guid(String id) {
        int slash = id.lastIndexOf('/');
        return (slash < 0 ? id : id.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }

    /** Graph dates have 0-7 fractional digits; normalise to an ISO instant. */
    static String instant(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.asText().isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(n.asText()).toString();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}

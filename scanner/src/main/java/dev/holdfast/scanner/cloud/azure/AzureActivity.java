package dev.holdfast.scanner.cloud.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.scanner.cloud.ActivityLog;
import dev.holdfast.scanner.cloud.CloudActor;
import dev.holdfast.scanner.cloud.CloudActivity;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.azure.AzureRoles;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Azure's activity for a window: the subscription's Activity Log (ARM {@code Microsoft.Insights/eventtypes/management/
 * values}: role assignments written or deleted, and every other operation as what its caller did) and Entra's audit log (Graph {@code auditLogs/directoryAudits}:
 * credentials added to applications and service principals, app role assignments), both following {@code nextLink}.
 * The actor is the app or the user that initiated the change; an app's kind is its principal's in the snapshot, and
 * a user acting through an agent application is that agent, on the user's behalf. A log that is denied or keeps
 * failing makes the activity partial; the findings then stand unattributed.
 */
final class AzureActivity {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";

    record Entra(String change, String target) {
    }

    record Catalogue(Map<String, String> arm, Map<String, Entra> entra) {
        static Catalogue load() {
            try (InputStream in = AzureActivity.class.getResourceAsStream("azure-activities.yml")) {
                Catalogue c = new ObjectMapper(new YAMLFactory()).readValue(in, Catalogue.class);
                Map<String, Entra> byKey = new TreeMap<>();
                c.entra().forEach((k, v) -> byKey.put(key(k), v));
                return new Catalogue(c.arm(), byKey);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read azure-activities.yml", e);
            }
        }
    }

    private static final Catalogue CATALOGUE = Catalogue.load();

    private final AzureOptions options;
    private final CloudSnapshot current;
    private final CloudSnapshot baseline;
    private final PrincipalClassifier classifier;

    AzureActivity(AzureOptions options, CloudSnapshot current, CloudSnapshot baseline, PrincipalClassifier classifier) {
        this.options = options;
        this.current = current;
        this.baseline = baseline;
        this.classifier = classifier;
    }

    ActivityLog read(AzureHttp http, Instant from, Instant to) {
        List<CloudActivity> out = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        String f = from.truncatedTo(ChronoUnit.SECONDS).toString();
        String t = to.truncatedTo(ChronoUnit.SECONDS).toString();
        String armUrl = options.armEndpoint() + "/subscriptions/" + options.subscription()
                + "/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter="
                + enc("eventTimestamp ge '" + f + "' and eventTimestamp le '" + t + "'");
        read("arm:activityLog", () -> http.armList(armUrl), gaps, warnings, absent).forEach(e -> arm(e, out, warnings));
        String graphUrl = options.graphEndpoint() + "/v1.0/auditLogs/directoryAudits?$filter="
                + enc("activityDateTime ge " + f + " and activityDateTime le " + t);
        read("graph:directoryAudits", () -> http.graphList(graphUrl), gaps, warnings, absent).forEach(e -> entra(e, out));
        if (gaps.isEmpty() && absent.isEmpty() && out.isEmpty()) {
            warnings.add(new ScanWarning("azure activity", "no activity data: the Activity Log and the Entra audit "
                    + "log hold no operations between " + f + " and " + t + " (not a sign that nobody changed "
                    + "anything); changes are not attributed"));
        }
        List<String> missing = new ArrayList<>(gaps);
        missing.addAll(absent);
        return new ActivityLog(true, from, to, out, warnings, !gaps.isEmpty(),
                missing.isEmpty() ? null : String.join("; ", missing), Map.of(), null);
    }

    private interface Listing {
        List<JsonNode> run();
    }

    private static List<JsonNode> read(String call, Listing l, List<String> gaps, List<ScanWarning> warnings,
                                       List<String> absent) {
        try {
            return l.run();
        } catch (AzureHttp.CallFailed e) {
            if (e.status == 404 || e.status == 400 || e.status == 405 || e.status == 501) {
                absent.add(call + " is not available at this endpoint (" + e.code + ")");
                warnings.add(new ScanWarning(call, "not available at this endpoint (" + e.code
                        + "); changes it records are not attributed"));
                return List.of();
            }
            String gap = (e.status == 403 || e.status == 401 ? "access denied on " + call + " (" + e.code + ")"
                    : call + " failed: " + e.getMessage());
            gaps.add(gap);
            warnings.add(new ScanWarning(call, "missed the activity: " + gap + "; findings are reported unattributed"));
            return List.of();
        }
    }

    private void arm(JsonNode e, List<CloudActivity> out, List<ScanWarning> warnings) {
        String action = e.at("/authorization/action").asText(e.at("/operationName/value").asText(""));
        if (action.isEmpty() || !"Succeeded".equalsIgnoreCase(e.at("/status/value").asText())) {
            return; // the Started half of an operation, or a failure: it changed nothing
        }
        JsonNode claims = e.path("claims");
        CloudActor actor = actor(claims.path(OID).asText(null), claims.path("appid").asText(null),
                claims.path(UPN).asText(null), e.path("caller").asText(null), "app".equals(claims.path("idtyp")
                        .asText()) || !claims.has(UPN));
        String id = e.path("eventDataId").asText(e.path("id").asText());
        Instant at = time(e.path("eventTimestamp"));
        String ip = e.at("/httpRequest/clientIpAddress").asText(null);
        String change = CATALOGUE.arm().get(action);
        if (change == null) {
            // not an IAM change: what the caller did, and where (for what else an agent touched)
            out.add(new CloudActivity(id, at, "activity-log", action, null, null, e.path("resourceId").asText(null),
                    null, actor, null, ip, false));
            return;
        }
        JsonNode props = body(e, "requestbody", warnings);
        if (!props.has("PrincipalId") && !props.has("principalId")) {
            props = body(e, "responseBody", warnings);
        }
        String principalId = props.path("PrincipalId").asText(props.path("principalId").asText(null));
        String roleDef = props.path("RoleDefinitionId").asText(props.path("roleDefinitionId").asText(""));
        String scope = props.path("Scope").asText(props.path("scope").asText(""));
        String role = AzureRoles.byId(roleDef.substring(roleDef.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT))
                .map(AzureRoles.Role::name).orElse(null);
        String target = principalId == null ? null : "/servicePrincipals/" + principalId;
        if (target != null && principal(target) == null) {
            target = "/users/" + principalId;
        }
        String assignment = e.at("/authorization/scope").asText(e.path("resourceId").asText(null));
        out.add(new CloudActivity(id, at, "activity-log", action, change, target, assignment,
                role == null ? null : "role:" + role + " on " + scope, actor, null, ip, false));
    }

    /** The request or response body of an Activity Log event: a JSON string whose "Properties" is what was sent. */
    private static JsonNode body(JsonNode e, String field, List<ScanWarning> warnings) {
        String s = e.at("/properties/" + field).asText("");
        if (s.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(s);
            JsonNode p = n.has("Properties") ? n.get("Properties") : n.path("properties");
            return p.isObject() ? p : JSON.createObjectNode();
        } catch (IOException ex) {
            warnings.add(new ScanWarning("arm:activityLog", "event " + e.path("eventDataId").asText() + " has a "
                    + "malformed " + field + "; its principal is not known"));
            return JSON.createObjectNode();
        }
    }

    private void entra(JsonNode e, List<CloudActivity> out) {
        Entra spec = CATALOGUE.entra().get(key(e.path("activityDisplayName").asText("")));
        if (spec == null || !"success".equalsIgnoreCase(e.path("result").asText("success"))) {
            return;
        }
        String target = null;
        String targetName = null;
        for (JsonNode r : e.path("targetResources")) {
            if (spec.target().equalsIgnoreCase(r.path("type").asText())) {
                String prefix = "Application".equalsIgnoreCase(spec.target()) ? "/applications/" : "/servicePrincipals/";
                target = prefix + r.path("id").asText();
                targetName = r.path("displayName").asText(null);
                break;
            }
        }
        JsonNode app = e.at("/initiatedBy/app");
        JsonNode user = e.at("/initiatedBy/user");
        CloudActor actor = app.isObject() && app.hasNonNull("servicePrincipalId")
                ? actor(app.path("servicePrincipalId").asText(), app.path("appId").asText(null), null,
                app.path("displayName").asText(null), true)
                : actor(user.path("id").asText(null), null, user.path("userPrincipalName").asText(null),
                user.path("displayName").asText(null), false);
        String ua = null;
        for (JsonNode d : e.path("additionalDetails")) {
            if ("User-Agent".equalsIgnoreCase(d.path("key").asText())) {
                ua = d.path("value").asText(null);
            }
        }
        out.add(new CloudActivity(e.path("id").asText(), time(e.path("activityDateTime")), "entra-audit",
                e.path("activityDisplayName").asText().strip(), spec.change(), target, targetName, null, actor, ua,
                user.path("ipAddress").asText(null), false));
    }

    /**
     * An app acts as its service principal, of that principal's kind; a user is a person by the identity patterns,
     * unless acting through an agent application, which is then the actor, on the user's behalf.
     */
    private CloudActor actor(String objectId, String appId, String upn, String caller, boolean isApp) {
        CloudPrincipal viaApp = appId == null ? null : byAppId(appId);
        if (isApp) {
            String id = objectId == null ? (viaApp == null ? null : viaApp.id()) : "/servicePrincipals/" + objectId;
            CloudPrincipal p = id == null ? null : principal(id);
            String name = p != null ? p.name() : caller != null ? caller : appId;
            IdentityKind kind = p != null ? kind(p) : classifier.classify("service-principal", null, name, Map.of());
            return new CloudActor(id, id, name, null, kind, null, null, false);
        }
        String name = upn != null ? upn : caller != null ? caller : objectId;
        String id = objectId == null ? null : "/users/" + objectId;
        if (viaApp != null && kind(viaApp) == IdentityKind.AGENT) {
            return new CloudActor(viaApp.id(), id, viaApp.name(), null, IdentityKind.AGENT, name, null, false);
        }
        IdentityKind kind = classifier.classify("user", null, name, Map.of());
        return new CloudActor(id, id, name, null, kind == IdentityKind.UNKNOWN ? IdentityKind.HUMAN : kind, null, null,
                false);
    }

    private CloudPrincipal principal(String id) {
        CloudPrincipal p = current.principal(id);
        return p != null || baseline == null ? p : baseline.principal(id);
    }

    private CloudPrincipal byAppId(String appId) {
        for (CloudSnapshot s : baseline == null ? List.of(current) : List.of(current, baseline)) {
            for (CloudPrincipal p : s.principals()) {
                if ("service-principal".equals(p.type()) && appId.equalsIgnoreCase(p.appId())) {
                    return p;
                }
            }
        }
        return null;
    }

    private static IdentityKind kind(CloudPrincipal p) {
        try {
            return IdentityKind.fromId(p.kind());
        } catch (IllegalArgumentException | NullPointerException e) {
            return IdentityKind.UNKNOWN;
        }
    }

    private static Instant time(JsonNode n) {
        String s = AzureInventory.instant(n);
        return s == null ? Instant.EPOCH : Instant.parse(s);
    }

    static String key(String activity) {
        return activity.strip().toLowerCase(Locale.ROOT).replace('\u2013', '-').replace('\u2014', '-')
                .replaceAll("\\s+", " ");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

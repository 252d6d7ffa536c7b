package dev.holdfast.scanner.cloud.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.scanner.cloud.CloudActor;
import dev.holdfast.scanner.cloud.CloudActivity;
import dev.holdfast.scanner.identity.PrincipalClassifier;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.ScanWarning;
import software.amazon.awssdk.services.cloudtrail.model.Event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns CloudTrail events (the lookup's fields and the record embedded in {@code CloudTrailEvent} as a JSON string)
 * into {@link CloudActivity}: the actor (an assumed role's role and session, its source identity and session tags,
 * classified by the inventory's identity patterns), whom an agent acted for (the source identity, else whoever
 * assumed its role, following the AssumeRole chain through the same events), and what IAM change it made to which
 * principal ({@code cloudtrail-events.yml}). Principals are looked up in the current snapshot, then the baseline's,
 * so changes to principals deleted since are still named.
 */
final class CloudTrailEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHAIN_LIMIT = 5;

    record Spec(String change, String target, String param) {
    }

    record Catalogue(Map<String, Spec> iam, Map<String, String> services) {
        static Catalogue load() {
            try (InputStream in = CloudTrailEvents.class.getResourceAsStream("cloudtrail-events.yml")) {
                return new ObjectMapper(new YAMLFactory()).readValue(in, Catalogue.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cloudtrail-events.yml", e);
            }
        }
    }

    private static final Catalogue CATALOGUE = Catalogue.load();

    /** One event with its embedded record (an empty object when that was unreadable). */
    private record Raw(Event event, JsonNode record) {
    }

    private final CloudSnapshot current;
    private final CloudSnapshot baseline;
    private final PrincipalClassifier classifier;
    private final List<ScanWarning> warnings = new ArrayList<>();
    /** Assumed-role session ARN to the AssumeRole record that created it. */
    private final Map<String, JsonNode> sessions = new HashMap<>();

    CloudTrailEvents(CloudSnapshot current, CloudSnapshot baseline, PrincipalClassifier classifier) {
        this.current = current;
        this.baseline = baseline;
        this.classifier = classifier;
    }

    List<ScanWarning> warnings() {
        return List.copyOf(warnings);
    }

    List<CloudActivity> parse(List<Event> events) {
        List<Raw> raws = new ArrayList<>();
        for (Event e : events) {
            raws.add(new Raw(e, record(e)));
        }
        for (Raw r : raws) {
            JsonNode rec = r.record();
            if ("AssumeRole".equals(name(r)) && !rec.hasNonNull("errorCode")) {
                String arn = rec.at("/responseElements/assumedRoleUser/arn").asText("");
                if (!arn.isEmpty()) {
                    sessions.put(arn, rec);
                }
            }
        }
        List<CloudActivity> out = new ArrayList<>();
        for (Raw r : raws) {
            if (r.record().hasNonNull("errorCode")) {
                continue; // a denied or failed call changed nothing and used nothing
            }
            out.add(activity(r));
        }
        return out;
    }

    private static String name(Raw r) {
        return r.record().path("eventName").asText(r.event().eventName());
    }

    /** The embedded record, or an empty one with a warning when it is missing, malformed or truncated. */
    private JsonNode record(Event e) {
        String s = e.cloudTrailEvent();
        String problem;
        if (s == null || s.isBlank()) {
            problem = "has no CloudTrailEvent record";
        } else {
            try {
                JsonNode n = JSON.readTree(s);
                if (n != null && n.isObject()) {
                    return n;
                }
                problem = "has a CloudTrailEvent that is not a JSON object";
            } catch (JsonProcessingException ex) {
                problem = "has a malformed or truncated CloudTrailEvent (" + ex.getOriginalMessage() + ")";
            }
        }
        warnings.add(new ScanWarning("cloudtrail:LookupEvents", "event " + e.eventId() + " (" + e.eventName()
                + (e.eventTime() == null ? "" : " at " + e.eventTime()) + ") " + problem
                + "; attributed from the lookup's user name only"));
        return JSON.createObjectNode();
    }

    private CloudActivity activity(Raw r) {
        Event e = r.event();
        JsonNode rec = r.record();
        String eventName = name(r);
        String source = rec.path("eventSource").asText(e.eventSource() == null ? "" : e.eventSource());
        Instant at = time(rec.path("eventTime").asText(null), e.eventTime());
        JsonNode who = rec.path("userIdentity");
        CloudActor actor = who.isObject() ? actor(who, rec, 0) : fallbackActor(e.username());
        String change = null;
        String targetName = null;
        String target = null;
        String detail = null;
        JsonNode params = rec.path("requestParameters");
        Spec spec = "iam.amazonaws.com".equals(source) ? CATALOGUE.iam().get(eventName) : null;
        if (spec != null) {
            change = spec.change();
            targetName = text(params, spec.param());
            if (targetName == null && "user".equals(spec.target()) && "IAMUser".equals(who.path("type").asText())) {
                targetName = who.path("userName").asText(null);
            }
            target = resolve(spec.target(), targetName);
            detail = firstText(params, "policyArn", "policyName", "groupName");
        } else if ("sts.amazonaws.com".equals(source) && eventName.startsWith("AssumeRole")) {
            change = "assume";
            String roleArn = text(params, "roleArn");
            target = byArn(roleArn);
            targetName = roleArn;
            detail = text(params, "roleSessionName");
        }
        String ua = rec.path("userAgent").asText(null);
        String ip = rec.path("sourceIPAddress").asText(null);
        boolean longTerm = who.path("accessKeyId").asText("").startsWith("AKIA");
        String id = rec.path("eventID").asText(e.eventId());
        return new CloudActivity(id, at, "cloudtrail", service(source) + ":" + eventName, change, target, targetName,
                detail, actor, ua, ip, longTerm);
    }

    private static Instant time(String recorded, Instant lookup) {
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                // the lookup's own time below
            }
        }
        return lookup == null ? Instant.EPOCH : lookup;
    }

    static String service(String eventSource) {
        String mapped = CATALOGUE.services().get(eventSource);
        if (mapped != null) {
            return mapped;
        }
        int dot = eventSource.indexOf('.');
        return dot < 0 ? eventSource : eventSource.substring(0, dot);
    }

    private CloudActor fallbackActor(String username) {
        String name = username == null || username.isBlank() ? "unknown" : username;
        return new CloudActor(null, null, name, null, classifier.classify("user", null, name, Map.of()), null, null,
                false);
    }

    /** The identity a userIdentity block names; {@code depth} bounds the AssumeRole chain. */
    private CloudActor actor(JsonNode who, JsonNode rec, int depth) {
        String type = who.path("type").asText("");
        String arn = who.path("arn").asText(null);
        String sourceIdentity = who.at("/sessionContext/sourceIdentity").asText(null);
        boolean console = "true".equals(rec.path("sessionCredentialFromConsole").asText(""))
                || rec.path("userAgent").asText("").contains("console.amazonaws.com");
        CloudActor a;
        switch (type) {
            case "AssumedRole" -> {
                JsonNode issuer = who.at("/sessionContext/sessionIssuer");
                String roleArn = issuer.path("arn").asText(null);
                String roleName = issuer.path("userName").asText(roleArn == null ? "unknown" : last(roleArn));
                String session = arn == null ? null : last(arn);
                JsonNode assumed = arn == null ? null : sessions.get(arn);
                Map<String, String> tags = assumed == null ? Map.of() : tags(assumed.at("/requestParameters/tags"));
                IdentityKind roleKind = kind("role", roleArn, roleName);
                IdentityKind sessionKind = classifier.classify("session", null, session, tags);
                String id = roleArn == null ? arn : principalId(roleArn);
                a = new CloudActor(id, arn, roleName, session, combine(roleKind, sessionKind), null, sourceIdentity,
                        console);
            }
            case "IAMUser" -> {
                String name = who.path("userName").asText(arn == null ? "unknown" : last(arn));
                a = new CloudActor(arn == null ? null : principalId(arn), arn, name, null, kind("user", arn, name), null,
                        sourceIdentity, console);
            }
            case "Root" -> a = new CloudActor(arn, arn, "root", null, IdentityKind.HUMAN, null, null, console);
            case "AWSService" -> {
                String svc = who.path("invokedBy").asText(rec.path("sourceIPAddress").asText("aws service"));
                a = new CloudActor(null, null, svc, null, IdentityKind.WORKLOAD, null, null, false);
            }
            default -> {
                String name = who.path("userName").asText(who.path("principalId").asText(arn == null ? "unknown"
                        : last(arn)));
                a = new CloudActor(arn, arn, name, null, classifier.classify(type.toLowerCase(java.util.Locale.ROOT), null,
                        name, Map.of()), null, sourceIdentity, console);
            }
        }
        if (a.kind() == IdentityKind.AGENT || a.kind() == IdentityKind.BOT) {
            String behalf = sourceIdentity != null ? sourceIdentity : behalf(arn, depth);
            if (behalf != null) {
                a = a.withOnBehalfOf(behalf);
            }
        }
        return a;
    }

    /** Whoever created the session {@code sessionArn}: a person, or the person the assuming agent acted for. */
    private String behalf(String sessionArn, int depth) {
        JsonNode assumed = sessionArn == null ? null : sessions.get(sessionArn);
        if (assumed == null || depth >= CHAIN_LIMIT) {
            return null;
        }
        String si = assumed.at("/requestParameters/sourceIdentity").asText(null);
        if (si != null) {
            return si;
        }
        CloudActor caller = actor(assumed.path("userIdentity"), assumed, depth + 1);
        if (caller.kind() == IdentityKind.HUMAN) {
            return caller.session() != null
                    && classifier.classify("session", null, caller.session(), Map.of()) == IdentityKind.HUMAN
                    ? caller.session() : caller.name();
        }
        return caller.onBehalfOf();
    }

    /** An agent session or an agent role is an agent; a person's named session on a plain role is that person. */
    static IdentityKind combine(IdentityKind role, IdentityKind session) {
        if (role == IdentityKind.AGENT || session == IdentityKind.AGENT) {
            return IdentityKind.AGENT;
        }
        if (session == IdentityKind.HUMAN || session == IdentityKind.BOT) {
            return role == IdentityKind.BOT ? IdentityKind.BOT : session;
        }
        return role;
    }

    private IdentityKind kind(String type, String arn, String name) {
        CloudPrincipal p = arn == null ? null : principal(principalId(arn));
        if (p != null && p.kind() != null) {
            try {
                return IdentityKind.fromId(p.kind());
            } catch (IllegalArgumentException e) {
                return IdentityKind.UNKNOWN;
            }
        }
        return classifier.classify(type, path(arn), name, Map.of());
    }

    private CloudPrincipal principal(String id) {
        CloudPrincipal p = current.principal(id);
        return p != null || baseline == null ? p : baseline.principal(id);
    }

    /** The inventory's id for an ARN (an IAM ARN is its own id; one without path is matched by type and name). */
    private String principalId(String arn) {
        if (principal(arn) != null) {
            return arn;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[5].contains("/")) {
            String type = parts[5].substring(0, parts[5].indexOf('/'));
            String found = byName(type, last(arn));
            if (found != null) {
                return found;
            }
        }
        return arn;
    }

    private String byArn(String arn) {
        return arn == null ? null : principalId(arn);
    }

    /** The principal a user or role event names, in either snapshot; one deleted from both gets its plain ARN. */
    private String resolve(String type, String name) {
        if (name == null || !("user".equals(type) || "role".equals(type))) {
            return null;
        }
        String found = byName(type, name);
        return found != null ? found : "arn:aws:iam::" + current.account() + ":" + type + "/" + name;
    }

    private String byName(String type, String name) {
        for (CloudSnapshot s : baseline == null ? List.of(current) : List.of(current, baseline)) {
            for (CloudPrincipal p : s.principals()) {
                if (type.equals(p.type()) && name.equals(p.name())) {
                    return p.id();
                }
            }
        }
        return null;
    }

    private static String path(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return null;
        }
        String res = parts[5];
        int first = res.indexOf('/');
        int lastSlash = res.lastIndexOf('/');
        return first < 0 ? null : res.substring(first, lastSlash + 1);
    }

    private static String last(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(t -> out.put(t.path("key").asText(t.path("Key").asText("")),
                t.path("value").asText(t.path("Value").asText(""))));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String v = text(n, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

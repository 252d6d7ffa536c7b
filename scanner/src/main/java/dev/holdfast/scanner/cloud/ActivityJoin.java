package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Status;
import dev.holdfast.rules.cloud.CloudCatalogue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Joins the activity log to the findings it explains: a finding that is a change since the baseline (new, regressed
 * or fixed) gets, from the latest event in the window that made that kind of change to its principal, the actor as
 * {@code introducedBy} (who made the change, not who holds the grant) and the event in its properties and message.
 * When the log could not be read, or said nothing, the finding says so (properties.attribution): "unattributed" with
 * the reason, or "no activity data" — never that nobody did it.
 */
public final class ActivityJoin {
    private static final java.util.Map<String, RuleInfo> RULES = CloudCatalogue.all();

    private ActivityJoin() {
    }

    public static List<Finding> attribute(List<Finding> findings, ActivityLog log) {
        if (!log.read()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(isChange(f) ? explain(f, log) : f);
        }
        return out;
    }

    /**
     * A finding that says something changed since the baseline. Findings made from the activity itself (tagged
     * {@code activity}: an unused grant, a shared key) are what identities did, not a change someone made.
     */
    private static boolean isChange(Finding f) {
        RuleInfo rule = RULES.get(f.ruleId());
        boolean fromActivity = rule != null && rule.tags() != null && rule.tags().contains("activity");
        return f.status() != Status.EXISTING && !fromActivity && principal(f) != null;
    }

    private static String principal(Finding f) {
        String id = f.properties().get("principalId");
        return id != null ? id : f.location() == null ? null : f.location().resource();
    }

    /** The changes that can explain a finding of this rule. */
    static Set<String> changes(Finding f) {
        return switch (f.ruleId()) {
            case "cloud-privilege-creep" -> Set.of("grant");
            case "cloud-credential-added" -> Set.of("credential");
            case "cloud-principal-added" -> Set.of("principal");
            case "aws-agent-role-long-session" -> Set.of("session", "principal");
            default -> switch (f.category()) {
                case LONG_LIVED_CREDENTIAL -> Set.of("credential", "principal");
                default -> f.ruleId().contains("trust") ? Set.of("trust", "principal")
                        : Set.of("grant", "principal");
            };
        };
    }

    /**
     * Whether the event names exactly what the finding is about: the grant (an Azure role on a scope) or the
     * resource (a role assignment). Such an event wins over a later change to the same principal.
     */
    private static boolean names(Finding f, CloudActivity a) {
        String grant = f.properties().get("grant");
        return (grant != null && grant.equals(a.detail()))
                || (f.location() != null && f.location().resource() != null
                && f.location().resource().equalsIgnoreCase(String.valueOf(a.targetName())));
    }

    private static Finding explain(Finding f, ActivityLog log) {
        String principal = principal(f);
        Set<String> kinds = changes(f);
        CloudActivity hit = null;
        CloudActivity exact = null;
        int count = 0;
        Instant after = log.since() != null ? log.since() : log.from();
        for (CloudActivity a : log.events()) {
            if (a.at().isAfter(after) && principal.equals(a.target()) && a.change() != null
                    && kinds.contains(a.change())) {
                hit = a;
                count++;
                if (names(f, a)) {
                    exact = a;
                }
            }
        }
        if (exact != null) {
            hit = exact;
        }
        Finding g = f.withIntroducedBy(null);
        if (hit == null) {
            String why = log.gap() != null ? "unattributed" : log.events().isEmpty() ? "no activity data"
                    : "no matching event";
            String reason = log.gap() != null ? log.gap()
                    : log.events().isEmpty() ? "the activity log holds no events between " + after + " and "
                    + log.to() : "no event between " + after + " and " + log.to() + " changed this principal";
            return g.withProperty("attribution", why).withProperty("attributionReason", reason);
        }
        CloudActor actor = hit.actor();
        boolean self = actor.id() != null && actor.id().equals(principal);
        g = g.withIntroducedBy(actor.attribution(hit.at()))
                .withProperty("attribution", "attributed")
                .withProperty("changeEvent", hit.eventId())
                .withProperty("changeAction", hit.action())
                .withProperty("changeTime", hit.at().toString())
                .withProperty("changeSource", hit.source());
        g = put(g, "changedBy", actor.id() != null ? actor.id() : actor.name());
        g = put(g, "changeSession", actor.session());
        g = put(g, "changeSourceIdentity", actor.sourceIdentity());
        g = put(g, "changeUserAgent", hit.userAgent());
        g = put(g, "changeSourceIp", hit.sourceIp());
        g = put(g, "changeDetail", hit.detail());
        if (count > 1) {
            g = g.withProperty("changeEvents", Integer.toString(count));
        }
        if (self) {
            g = g.withProperty("selfChange", "true");
        }
        if (actor.console()) {
            g = g.withProperty("changeVia", "console");
        }
        return withMessage(g, f.message() + "; " + sentence(f, hit, self));
    }

    /** "granted by agent triage-agent (session claude-code-7f3a) to itself on behalf of alice (event …, …)". */
    static String sentence(Finding f, CloudActivity hit, boolean self) {
        CloudActor a = hit.actor();
        String verb = switch (f.ruleId()) {
            case "cloud-privilege-creep" -> f.status() == Status.FIXED ? "removed by " : "granted by ";
            case "cloud-credential-added", "cloud-principal-added" -> f.status() == Status.FIXED ? "removed by "
                    : "created by ";
            default -> "changed by ";
        };
        IdentityKind k = a.kind() == null ? IdentityKind.UNKNOWN : a.kind();
        String who = (k == IdentityKind.HUMAN ? "person" : k.id()) + " " + a.display();
        return verb + who + (self ? " to itself" : "")
                + (a.onBehalfOf() == null ? "" : " on behalf of " + a.onBehalfOf())
                + (a.console() ? " in the console" : "")
                + " (" + hit.action() + ", event " + hit.eventId() + ", "
                + DateTimeFormatter.ISO_INSTANT.format(hit.at()) + ")";
    }

    private static Finding put(Finding f, String key, String value) {
        return value == null || value.isBlank() ? f : f.withProperty(key, value);
    }

    private static Finding withMessage(Finding f, String message) {
        return new Finding(f.fingerprint(), f.ruleId(), f.category(), f.severity(), f.status(), message,
                f.location(), f.redacted(), f.introducedBy(), f.fixedBy(), f.remediation(), f.properties());
    }
}

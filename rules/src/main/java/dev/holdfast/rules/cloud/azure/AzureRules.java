package dev.holdfast.rules.cloud.azure;

import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.cloud.CloudCredential;
import dev.holdfast.rules.cloud.CloudDetection;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.Dates;
import dev.holdfast.rules.cloud.RoleAssignment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;
import static dev.holdfast.rules.cloud.Dates.day;

/** The Azure rules over a normalised snapshot: credential lifetimes and privileged role assignments. */
public final class AzureRules implements CloudRules {
    private final CloudThresholds t;
    private final Clock clock;

    public AzureRules(CloudThresholds thresholds, Clock clock) {
        this.t = thresholds;
        this.clock = clock;
    }

    @Override
    public List<CloudDetection> evaluate(CloudSnapshot s) {
        List<CloudDetection> out = new ArrayList<>();
        for (CloudPrincipal p : s.principals()) {
            for (CloudCredential c : p.credentials()) {
                credential(p, c, out);
            }
            if ("service-principal".equals(p.type())) {
                for (RoleAssignment ra : p.roleAssignments()) {
                    assignment(p, ra, out);
                }
            }
        }
        return out;
    }

    private void credential(CloudPrincipal p, CloudCredential c, List<CloudDetection> out) {
        String what = ("client-secret".equals(c.type()) ? "client secret" : "certificate")
                + (c.name() == null || c.name().isBlank() ? "" : " '" + c.name() + "'") + " (" + c.id() + ")";
        String who = p.kind() + " " + ("application".equals(p.type()) ? "application" : "service principal") + " "
                + p.name() + (p.appId() == null ? "" : " (appId " + p.appId() + ")");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("credentialType", c.type());
        props.put("keyId", c.id());
        props.put("start", day(c.created()));
        props.put("end", c.expires() == null ? "none" : day(c.expires()));
        if (p.appId() != null) {
            props.put("appId", p.appId());
        }
        String subject = c.type() + " " + c.id();
        if (c.expires() == null) {
            out.add(detect("azure-credential-no-expiry", p, subject, null,
                    who + " has a " + what + " that never expires", null, props));
            return;
        }
        long left = -Dates.daysSince(c.expires(), clock);
        if (clock.instant().isAfter(Dates.parse(c.expires()))) {
            out.add(detect("azure-credential-expired", p, subject, null,
                    who + " still holds a " + what + " that expired on " + day(c.expires()), null, props));
            return;
        }
        if (left <= t.credentialExpiringWithinDays()) {
            out.add(detect("azure-credential-expiring", p, subject, null,
                    who + " has a " + what + " that expires on " + day(c.expires()) + " (in " + left + " days)",
                    null, props));
        }
        if (c.created() != null) {
            long validity = Dates.daysBetween(c.created(), c.expires());
            props.put("validityDays", Long.toString(validity));
            if (validity > t.credentialMaxValidityDays()) {
                Severity sev = validity > t.credentialLongValidityDays() ? Severity.HIGH
                        : validity > 366 ? Severity.MEDIUM : Severity.LOW;
                out.add(detect("azure-credential-long-lived", p, subject, sev,
                        who + " has a " + what + " valid for " + validity + " days, until " + day(c.expires())
                                + " (threshold " + t.credentialMaxValidityDays() + ")", null, props));
            }
        }
    }

    private void assignment(CloudPrincipal p, RoleAssignment ra, List<CloudDetection> out) {
        if (!"subscription".equals(ra.scopeLevel()) && !"management-group".equals(ra.scopeLevel())) {
            return;
        }
        String privileged = AzureRoles.byName(ra.roleName()).map(AzureRoles.Role::privileged).orElse(null);
        if (privileged == null) {
            return;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("role", ra.roleName());
        props.put("scope", ra.scope());
        props.put("scopeLevel", ra.scopeLevel());
        props.put("roleAssignmentId", ra.id());
        if (p.appId() != null) {
            props.put("appId", p.appId());
        }
        out.add(detect("azure-privileged-role-assignment", p, ra.id(), "assignment " + ra.id(), Severity.fromId(privileged),
                p.kind() + " service principal " + p.name() + (p.appId() == null ? "" : " (appId " + p.appId() + ")")
                        + " holds " + ra.roleName() + " at " + ra.scopeLevel() + " scope " + ra.scope(), null, props));
    }
}

package dev.holdfast.cloud;

import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.Attribution;
import dev.holdfast.model.IdentityKind;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Location;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.model.Severity;
import dev.holdfast.model.Status;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes cloud findings: fingerprint keyed on rule + subject (principal and what about it), location = the resource id.
 * Subjects never hold secrets (AWS key ids are used redacted).
 */
public final class CloudFindings {
    private final Fingerprinter fingerprinter;

    public CloudFindings(Fingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    /**
     * @param subject   what the finding is about beyond the principal (a key, a risk id, a trust entry), or ""
     * @param severity  null for the rule's default
     */
    public Finding make(String ruleId, CloudPrincipal p, String subject, Severity severity, String message,
                        String redacted, Map<String, String> properties) {
        return make(ruleId, p, p.id(), subject, severity, message, redacted, properties);
    }

    /** @param resource the resource to point at when it is not the principal itself (an Azure role assignment) */
    public Finding make(String ruleId, CloudPrincipal p, String resource, String subject, Severity severity,
                        String message, String redacted, Map<String, String> properties) {
        RuleInfo rule = CloudRuleCatalog.get(ruleId);
        Map<String, String> props = new TreeMap<>(properties == null ? Map.of() : properties);
        props.put("principal", p.name());
        props.put("principalType", p.type());
        props.put("identityKind", p.kind());
        props.put("subject", subject);
        if (!resource.equals(p.id())) {
            props.put("principalId", p.id());
        }
        return new Finding(fingerprinter.fingerprint(ruleId, p.id() + "\u0000" + subject, ""), ruleId,
                rule.category(), severity == null ? rule.severity() : severity, Status.NEW, message,
                new Location(null, 0, 0, null, resource), redacted, principal(p), null, rule.remediation(), props);
    }

    /**
     * Cloud findings name the principal they are about as "who": the API does not say which person created a key or
     * a grant, but the kind of identity holding it (agent, bot, workload, human) is what the reports group by.
     */
    private static Attribution principal(CloudPrincipal p) {
        IdentityKind kind;
        try {
            kind = IdentityKind.fromId(p.kind());
        } catch (IllegalArgumentException e) {
            kind = IdentityKind.UNKNOWN;
        }
        return new Attribution(null, p.name(), null, kind, p.created() == null ? null : Instant.parse(p.created()),
                null);
    }
}

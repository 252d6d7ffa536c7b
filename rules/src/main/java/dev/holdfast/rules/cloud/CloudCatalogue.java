package dev.holdfast.rules.cloud;

import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.support.RuleBook;

import java.util.Map;
import java.util.TreeMap;

/**
 * The cloud rules' metadata ({@code rules.yml}) and the one way a cloud rule says what it saw about a principal: a
 * {@link CloudDetection} whose subject is the principal plus what about it (a key, a risk id, a trust entry), so that
 * its fingerprint is stable across snapshots. Subjects never hold secrets (AWS key ids are used redacted).
 */
public final class CloudCatalogue {
    public static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/cloud/rules.yml");

    private CloudCatalogue() {
    }

    /** Every cloud rule by id, for reports. */
    public static Map<String, RuleInfo> all() {
        Map<String, RuleInfo> out = new TreeMap<>();
        RULES.all().forEach(r -> out.put(r.id(), r));
        return out;
    }

    /**
     * @param subject  what the finding is about beyond the principal, or ""
     * @param severity null for the rule's default
     */
    public static CloudDetection detect(String ruleId, CloudPrincipal p, String subject, Severity severity,
                                        String message, String redacted, Map<String, String> properties) {
        return detect(ruleId, p, p.id(), subject, severity, message, redacted, properties);
    }

    /** @param resource the resource to point at when it is not the principal itself (an Azure role assignment) */
    public static CloudDetection detect(String ruleId, CloudPrincipal p, String resource, String subject,
                                        Severity severity, String message, String redacted,
                                        Map<String, String> properties) {
        Map<String, String> props = new TreeMap<>(properties == null ? Map.of() : properties);
        props.put("principal", p.name());
        props.put("principalType", p.type());
        props.put("identityKind", p.kind());
        props.put("subject", subject);
        if (!resource.equals(p.id())) {
            props.put("principalId", p.id());
        }
        return new CloudDetection(RULES.detection(ruleId, severity, message, 0, 0, p.id() + "\u0000" + subject,
                redacted, props), resource, p);
    }
}

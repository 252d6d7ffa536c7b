package dev.holdfast.rules.cloud.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.cloud.CloudCredential;
import dev.holdfast.rules.cloud.CloudDetection;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.CloudRisk;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.CloudThresholds;
import dev.holdfast.rules.cloud.Dates;
import dev.holdfast.rules.cloud.TrustEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;
import static dev.holdfast.rules.cloud.Dates.day;
import static dev.holdfast.rules.cloud.Dates.daysSince;

/** The AWS posture rules, over a normalised snapshot (see rules/cloud/rules.yml for ids, titles and remediation). */
public final class AwsRules implements CloudRules {
    private static final Set<String> SELF_SCOPED = selfScoped();
    private final CloudThresholds t;
    private final Clock clock;

    public AwsRules(CloudThresholds thresholds, Clock clock) {
        this.t = thresholds;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> selfScoped() {
        try (InputStream in = AwsRules.class.getResourceAsStream("risk-adjustments.yml")) {
            Map<String, List<String>> m = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            Set<String> out = new HashSet<>();
            m.getOrDefault("selfScopedTokens", List.of()).forEach(a -> out.add(a.toLowerCase(Locale.ROOT)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read AWS risk-adjustments.yml", e);
        }
    }

    @Override
    public List<CloudDetection> evaluate(CloudSnapshot s) {
        List<CloudDetection> out = new ArrayList<>();
        for (CloudPrincipal p : s.principals()) {
            switch (p.type()) {
                case "root" -> root(p, out);
                case "user" -> {
                    keys(p, out);
                    grants(p, out);
                }
                case "role" -> {
                    trust(p, out);
                    role(p, out);
                    grants(p, out);
                }
                default -> { }
            }
        }
        return out;
    }

    private void root(CloudPrincipal p, List<CloudDetection> out) {
        for (CloudCredential c : p.credentials()) {
            if ("access-key".equals(c.type()) && c.active()) {
                out.add(detect("aws-root-access-key", p, "root-access-key", null,
                        "the root user of the account has an access key", null, Map.of()));
            }
        }
    }

    private void keys(CloudPrincipal p, List<CloudDetection> out) {
        // A human whose every grant needs MFA gets nothing from a bare key: not a long-lived credential risk.
        if ("human".equals(p.kind()) && Boolean.TRUE.equals(p.mfa())) {
            return;
        }
        List<CloudCredential> active = p.credentials().stream()
                .filter(c -> "access-key".equals(c.type()) && c.active()).toList();
        boolean machine = p.isMachine() && !"unknown".equals(p.kind());
        for (CloudCredential c : active) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("keyId", c.id());
            props.put("created", day(c.created()));
            props.put("lastUsed", day(c.lastUsed()));
            String who = p.kind() + " user " + p.name();
            if (c.created() != null) {
                long age = daysSince(c.created(), clock);
                props.put("ageDays", Long.toString(age));
                if (age > t.accessKeyMaxAgeDays()) {
                    Severity sev = machine || age > 365 ? Severity.HIGH : Severity.MEDIUM;
                    out.add(detect("aws-access-key-old", p, "key " + c.id(), sev,
                            who + " has access key " + c.id() + " created " + age + " days ago (threshold "
                                    + t.accessKeyMaxAgeDays() + ")", c.id(), props));
                }
            }
            if (c.lastUsed() == null) {
                out.add(detect("aws-access-key-unused", p, "key " + c.id(), null,
                        who + " has active access key " + c.id() + " that was never used", c.id(), props));
            } else {
                long idle = daysSince(c.lastUsed(), clock);
                if (idle > t.accessKeyUnusedDays()) {
                    out.add(detect("aws-access-key-unused", p, "key " + c.id(), null,
                            who + " has active access key " + c.id() + " unused for " + idle + " days (threshold "
                                    + t.accessKeyUnusedDays() + ")", c.id(), props));
                }
            }
            if (machine) {
                Severity sev = "workload".equals(p.kind()) ? Severity.MEDIUM : Severity.HIGH;
                out.add(detect("aws-access-key-machine-identity", p, "key " + c.id(), sev,
                        who + " authenticates with static access key " + c.id()
                                + "; a role with federation would do", c.id(), props));
            }
        }
        if (active.size() > 1) {
            out.add(detect("aws-two-active-keys", p, "two-keys", null,
                    p.kind() + " user " + p.name() + " has " + active.size() + " active access keys", null, Map.of()));
        }
    }

    private void trust(CloudPrincipal p, List<CloudDetection> out) {
        boolean dangerous = p.risks().stream().anyMatch(r -> "admin".equals(r.kind())
                || "privilege-escalation".equals(r.kind()));
        for (TrustEntry e : p.trust()) {
            if (e.issue() == null) {
                continue;
            }
            Map<String, String> props = Map.of("trustedPrincipal", e.principal(),
                    "conditionKeys", String.join(",", e.conditionKeys()));
            String subject = "trust " + e.principalType() + " " + e.principal();
            switch (e.issue()) {
                case "any-principal" -> out.add(detect("aws-role-trust-any-principal", p, subject,
                        dangerous ? Severity.CRITICAL : Severity.HIGH,
                        "role " + p.name() + " may be assumed by any AWS principal" + (dangerous
                                ? " and grants administrative or escalation rights" : ""), null, props));
                case "cross-account-no-external-id" -> out.add(detect("aws-role-trust-cross-account-no-external-id",
                        p, subject, null, "role " + p.name() + " may be assumed from account/principal "
                                + e.principal() + " without sts:ExternalId", null, props));
                case "oidc-no-sub" -> out.add(detect("aws-role-trust-oidc-no-sub", p, subject, null,
                        "role " + p.name() + " trusts OIDC provider " + e.principal()
                                + " without a condition on the token's sub", null, props));
                default -> { }
            }
        }
    }

    private void role(CloudPrincipal p, List<CloudDetection> out) {
        if (p.path() != null && p.path().startsWith("/aws-service-role/")) {
            return;
        }
        if ("agent".equals(p.kind()) && p.maxSessionDuration() != null
                && p.maxSessionDuration() > t.agentMaxSessionSeconds()) {
            out.add(detect("aws-agent-role-long-session", p, "max-session", null,
                    "agent role " + p.name() + " allows sessions of " + p.maxSessionDuration() + " s (threshold "
                            + t.agentMaxSessionSeconds() + " s)", null,
                    Map.of("maxSessionDuration", p.maxSessionDuration().toString())));
        }
        String since = p.lastUsed() != null ? p.lastUsed() : p.created();
        if (since != null) {
            long idle = daysSince(since, clock);
            if (idle > t.roleUnusedDays()) {
                out.add(detect("aws-role-unused", p, "unused", null,
                        "role " + p.name() + (p.lastUsed() == null ? " was never used (created " + idle + " days ago)"
                                : " was last used " + idle + " days ago") + " (threshold " + t.roleUnusedDays() + ")",
                        null, Map.of("lastUsed", day(p.lastUsed()))));
            }
        }
    }

    private void grants(CloudPrincipal p, List<CloudDetection> out) {
        boolean admin = p.risks().stream().anyMatch(r -> "admin".equals(r.kind()));
        boolean machine = p.isMachine() && !"unknown".equals(p.kind());
        for (CloudRisk r : p.risks()) {
            if (admin && !"admin".equals(r.kind())) {
                continue; // administrator access subsumes every narrower path
            }
            boolean mfa = Boolean.TRUE.equals(r.mfaRequired());
            String rule = switch (r.kind()) {
                case "admin" -> "aws-admin-grant";
                case "privilege-escalation" -> "aws-privilege-escalation";
                case "credentials-exposure" -> "aws-credentials-exposure";
                case "data-exfiltration" -> "aws-data-exfiltration";
                default -> null;
            };
            if (rule == null) {
                continue;
            }
            Severity sev;
            if ("admin".equals(r.kind())) {
                sev = mfa && "human".equals(p.kind()) ? Severity.LOW : machine ? Severity.CRITICAL : Severity.HIGH;
            } else {
                sev = Severity.fromId(r.severity());
                if (mfa || ("credentials-exposure".equals(r.kind()) && !r.actions().isEmpty()
                        && r.actions().stream().allMatch(a -> SELF_SCOPED.contains(a.toLowerCase(Locale.ROOT))))) {
                    sev = Severity.LOW;
                }
            }
            Map<String, String> props = new LinkedHashMap<>();
            props.put("risk", r.id());
            props.put("actions", String.join(",", r.actions()));
            if (mfa) {
                props.put("mfaRequired", "true");
            }
            out.add(detect(rule, p, "risk " + r.kind() + " " + r.id(), sev,
                    p.kind() + " " + p.type() + " " + p.name() + ": " + r.title()
                            + (mfa ? "; MFA required" : ""), null, props));
        }
    }
}

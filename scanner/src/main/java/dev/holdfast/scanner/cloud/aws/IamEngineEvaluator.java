package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudRisk;
import dev.holdfast.rules.iam.Grant;
import dev.holdfast.rules.iam.IamRules;
import dev.holdfast.rules.iam.NamedPolicy;
import dev.holdfast.rules.iam.PolicyAnalysis;
import dev.holdfast.rules.iam.PolicyAnalyzer;
import dev.holdfast.rules.iam.PolicyDocument;
import dev.holdfast.rules.iam.PolicyIssue;
import dev.holdfast.rules.iam.PolicyParseException;
import dev.holdfast.rules.iam.Statement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules module's IAM policy engine ({@link PolicyAnalyzer}) behind {@link PermissionEvaluator}: effective grants
 * with catalogue access levels, and its admin, escalation-path, credentials-exposure and data-exfiltration issues as
 * risks. Grants and risks whose statements require MFA are marked so.
 */
public final class IamEngineEvaluator implements PermissionEvaluator {
    private final PolicyAnalyzer analyzer;

    public IamEngineEvaluator() {
        this(PolicyAnalyzer.standard());
    }

    public IamEngineEvaluator(PolicyAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public EffectivePermissions evaluate(List<PolicyText> policies) {
        List<NamedPolicy> named = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Statement> statements = new HashMap<>();
        boolean allMfa = true;
        boolean anyAllow = false;
        for (PolicyText p : policies) {
            try {
                PolicyDocument doc = PolicyDocument.parse(p.json());
                named.add(new NamedPolicy(p.name(), doc));
                for (Statement s : doc.statements()) {
                    statements.put(p.name() + "#" + s.line(), s);
                    if (s.allow()) {
                        anyAllow = true;
                        allMfa &= mfa(s);
                    }
                }
            } catch (PolicyParseException e) {
                warnings.add("policy " + p.name() + " skipped: " + e.getMessage());
            }
        }
        if (named.isEmpty()) {
            return new EffectivePermissions(List.of(), List.of(), warnings);
        }
        boolean principalMfa = anyAllow && allMfa;
        PolicyAnalysis a = analyzer.analyze(named);

        Map<String, CloudGrant> grants = new LinkedHashMap<>();
        for (Grant g : a.grants()) {
            Statement s = statements.get(g.policy() + "#" + g.line());
            boolean m = s != null && mfa(s);
            CloudGrant cg = new CloudGrant(g.action(), g.resource(), g.level() == null ? null : g.level().label(),
                    m ? Boolean.TRUE : null);
            String key = cg.key().toLowerCase(Locale.ROOT);
            CloudGrant old = grants.get(key);
            // The same grant from an MFA-conditioned and from an unconditioned statement: the unconditioned one counts.
            if (old == null || (Boolean.TRUE.equals(old.mfaRequired()) && cg.mfaRequired() == null)) {
                grants.put(key, cg);
            }
        }

        Map<String, CloudRisk> risks = new LinkedHashMap<>();
        for (PolicyIssue i : a.issues()) {
            Statement s = statements.get(i.policy() + "#" + i.line());
            boolean m = s != null && mfa(s);
            String sev = i.severity().id();
            CloudRisk r = switch (i.ruleId()) {
                case IamRules.ADMIN -> new CloudRisk("admin", "admin", i.message(), sev, List.of("*"), m ? true : null);
                case IamRules.ESCALATION -> new CloudRisk("privilege-escalation",
                        i.properties().getOrDefault("escalationPath", i.key()), i.message(), sev,
                        Arrays.asList(i.properties().getOrDefault("actions", "").split("\\s*\\+\\s*")),
                        principalMfa ? true : null);
                case IamRules.CREDENTIALS -> new CloudRisk("credentials-exposure", i.key(), i.message(), sev,
                        List.of(i.properties().getOrDefault("actions", "")), m ? true : null);
                case IamRules.EXFILTRATION -> new CloudRisk("data-exfiltration", i.key(), i.message(), sev,
                        List.of(i.properties().getOrDefault("actions", "")), m ? true : null);
                default -> null;
            };
            if (r != null) {
                String key = r.kind() + " " + r.id();
                CloudRisk old = risks.get(key);
                if (old == null || (Boolean.TRUE.equals(old.mfaRequired()) && r.mfaRequired() == null)) {
                    risks.put(key, r);
                }
            }
        }
        return new EffectivePermissions(List.copyOf(grants.values()), List.copyOf(risks.values()), warnings);
    }

    /** An Allow that only holds with MFA (aws:MultiFactorAuthPresent true, or an MFA age bound). */
    static boolean mfa(Statement s) {
        if (s.hasConditionKey("aws:MultiFactorAuthAge")) {
            return true;
        }
        return s.conditionValues("aws:MultiFactorAuthPresent").stream().anyMatch("true"::equalsIgnoreCase);
    }
}

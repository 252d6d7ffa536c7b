package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy file's trust verdicts ({@link TrustPolicyJudge}) as policy issues: one per statement that lets anyone
 * assume the role, one per OIDC provider whose subject nothing pins.
 */
final class TrustIssues {
    private TrustIssues() {
    }

    static List<PolicyIssue> of(String policy, PolicyDocument doc) {
        Map<String, PolicyIssue> out = new LinkedHashMap<>();
        for (TrustPolicyJudge.Trusted t : TrustPolicyJudge.standard().judge(doc, null)) {
            Statement s = t.statement();
            String where = s.sid().isEmpty() ? "statement " + (s.index() + 1) : s.sid();
            if (t.verdict() == TrustPolicyJudge.Verdict.ANY_PRINCIPAL) {
                out.putIfAbsent(s.index() + "|any", new PolicyIssue(IamRules.TRUST_ANY, Severity.CRITICAL,
                        "trust policy (" + where + ") lets any AWS principal assume the role"
                                + (s.notPrincipal() ? " (NotPrincipal: every principal but the listed ones)" : "")
                                + ": no condition pins the caller's account or organisation", "trust:any-principal",
                        policy, s.line(), "Name the trusted principals, or add aws:PrincipalOrgID / sts:ExternalId "
                        + "conditions.", Map.of("actions", String.join(",", s.actions()))));
            } else if (t.verdict() == TrustPolicyJudge.Verdict.OIDC_NO_SUB) {
                String host = t.providerHost();
                out.putIfAbsent(s.index() + "|oidc|" + host, new PolicyIssue(IamRules.TRUST_OIDC, Severity.HIGH,
                        "trust policy (" + where + ") for OIDC provider " + host + " " + problem(s, host),
                        "trust:oidc-no-sub:" + host, policy, s.line(), "Add a StringEquals (or narrow StringLike) "
                        + "condition on " + host + ":sub naming the repository and branch or environment.",
                        Map.of("provider", host)));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String problem(Statement s, String host) {
        List<String> subs = new ArrayList<>();
        s.conditions().values().forEach(m -> m.forEach((k, v) -> {
            if (k.toLowerCase(java.util.Locale.ROOT).endsWith(":sub")) {
                subs.addAll(v);
            }
        }));
        return subs.isEmpty() ? "has no " + host + ":sub condition, so any workload of the provider can assume the role"
                : "accepts any subject (" + String.join(", ", subs) + ")";
    }
}

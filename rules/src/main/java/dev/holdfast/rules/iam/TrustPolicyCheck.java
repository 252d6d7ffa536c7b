package dev.holdfast.rules.iam;

import dev.holdfast.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may assume a role, read from Allow statements that name a Principal and an sts:AssumeRole* action: anyone (a
 * "*" principal with no condition that pins the caller's account or organisation), or an OIDC provider with no
 * {@code sub} condition (any repository or workload of that provider), or a {@code sub} that is only a wildcard.
 */
final class TrustPolicyCheck {
    /** Condition keys that pin who the caller is, so a "*" principal is no longer anyone. */
    private static final Set<String> PINNING_KEYS = Set.of("aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:sourceaccount", "aws:sourcearn", "sts:externalid", "aws:principalorgpaths",
            "aws:userid", "aws:sourceowner");

    private TrustPolicyCheck() {
    }

    static List<PolicyIssue> check(String policy, PolicyDocument doc) {
        List<PolicyIssue> out = new ArrayList<>();
        for (Statement s : doc.statements()) {
            if (!s.allow() || s.principals().isEmpty() || !assumes(s)) {
                continue;
            }
            String where = s.sid().isEmpty() ? "statement " + (s.index() + 1) : s.sid();
            boolean anyone = s.notPrincipal() || s.principals().entrySet().stream()
                    .anyMatch(e -> (e.getKey().equals("*") || e.getKey().equalsIgnoreCase("AWS"))
                            && e.getValue().contains("*"));
            boolean pinned = s.conditionKeys().stream().anyMatch(k -> PINNING_KEYS.contains(k.toLowerCase(Locale.ROOT)));
            if (anyone && !pinned) {
                out.add(new PolicyIssue(IamRules.TRUST_ANY, Severity.CRITICAL, "trust policy (" + where
                        + ") lets any AWS principal assume the role: no condition pins the caller's account or "
                        + "organisation", "trust:any-principal", policy, s.line(),
                        "Name the trusted principals, or add aws:PrincipalOrgID / sts:ExternalId conditions.",
                        Map.of("actions", String.join(",", s.actions()))));
            }
            for (String provider : s.principals().getOrDefault("Federated", List.of())) {
                if (provider.endsWith("amazonaws.com") && !provider.contains("oidc")) {
                    continue; // Cognito and SAML are not OIDC subject-based
                }
                if (provider.startsWith("arn:") && provider.contains(":saml-provider/")) {
                    continue;
                }
                String host = provider.contains("oidc-provider/")
                        ? provider.substring(provider.indexOf("oidc-provider/") + "oidc-provider/".length()) : provider;
                List<String> subs = new ArrayList<>();
                s.conditions().values().forEach(m -> m.forEach((k, v) -> {
                    if (k.toLowerCase(Locale.ROOT).endsWith(":sub")) {
                        subs.addAll(v);
                    }
                }));
                String problem = subs.isEmpty() ? "has no " + host + ":sub condition, so any workload of the provider "
                        + "can assume the role"
                        : subs.stream().allMatch(TrustPolicyCheck::onlyWildcard)
                        ? "accepts any subject (" + String.join(", ", subs) + ")" : null;
                if (problem != null) {
                    out.add(new PolicyIssue(IamRules.TRUST_OIDC, Severity.HIGH, "trust policy (" + where
                            + ") for OIDC provider " + host + " " + problem, "trust:oidc-no-sub:" + host, policy,
                            s.line(), "Add a StringEquals (or narrow StringLike) condition on " + host
                            + ":sub naming the repository and branch or environment.",
                            Map.of("provider", host)));
                }
            }
        }
        return out;
    }

    private static boolean assumes(Statement s) {
        if (s.notAction()) {
            return true;
        }
        return s.actions().stream().anyMatch(a -> Glob.matches(a, "sts:AssumeRole", true)
                || Glob.matches(a, "sts:AssumeRoleWithWebIdentity", true)
                || Glob.matches(a, "sts:AssumeRoleWithSAML", true));
    }

    /** "*", "repo:*", "repo:*:*", "system:serviceaccount:*" and the like: a subject that names nothing. */
    private static boolean onlyWildcard(String sub) {
        String stripped = sub.replaceAll("^(repo|project|system:serviceaccount|organization|org)[:/]", "");
        return stripped.replaceAll("[*:/]", "").isEmpty();
    }
}

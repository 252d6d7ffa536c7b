package dev.holdfast.cloud.aws;

import dev.holdfast.cloud.TrustEntry;
import dev.holdfast.rules.iam.PolicyDocument;
import dev.holdfast.rules.iam.PolicyParseException;
import dev.holdfast.rules.iam.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a role's trust (assume-role) policy into who may assume it and how well that is constrained:
 * anyone ("AWS": "*") without an organisation/account/ARN condition, another account without sts:ExternalId, an OIDC
 * provider without a condition on the token's {@code sub}.
 */
final class TrustAnalyzer {
    private static final Pattern ACCOUNT = Pattern.compile("^(\\d{12})$|^arn:aws[a-z-]*:iam::(\\d{12}):");
    /** Conditions that pin a wildcard principal down to known callers. */
    private static final Set<String> PINNING = Set.of("aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:sourceaccount", "aws:sourcearn", "aws:principalorgpaths", "aws:userid");

    private TrustAnalyzer() {
    }

    static List<TrustEntry> analyze(String document, String ownAccount) throws PolicyParseException {
        List<TrustEntry> out = new ArrayList<>();
        for (Statement s : PolicyDocument.parse(document).statements()) {
            if (!s.allow() || s.notPrincipal()) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            s.conditions().values().forEach(m -> keys.addAll(m.keySet()));
            for (Map.Entry<String, List<String>> e : s.principals().entrySet()) {
                for (String v : e.getValue()) {
                    out.add(entry(e.getKey(), v, keys, s, ownAccount));
                }
            }
        }
        return out;
    }

    private static TrustEntry entry(String type, String principal, List<String> keys, Statement s, String own) {
        List<String> lower = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        String issue = null;
        if ("AWS".equalsIgnoreCase(type) || "*".equals(type)) {
            type = "AWS";
            if ("*".equals(principal)) {
                if (lower.stream().noneMatch(PINNING::contains)) {
                    issue = "any-principal";
                }
            } else {
                Matcher m = ACCOUNT.matcher(principal);
                String acct = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
                if (acct != null && !acct.equals(own) && !lower.contains("sts:externalid")
                        && !lower.contains("aws:principalorgid")) {
                    issue = "cross-account-no-external-id";
                }
            }
        } else if ("Federated".equalsIgnoreCase(type) && principal.contains(":oidc-provider/")) {
            String host = principal.substring(principal.indexOf(":oidc-provider/") + ":oidc-provider/".length());
            // A sub condition that is only a wildcard pins nothing.
            boolean sub = s.conditionValues(host + ":sub").stream().anyMatch(v -> !v.isBlank() && !v.equals("*"));
            if (!sub) {
                issue = "oidc-no-sub";
            }
        }
        return new TrustEntry(type, principal, keys, issue);
    }
}

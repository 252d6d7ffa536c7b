package dev.holdfast.cloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cloud.TrustEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("^(\\d{12})$|^arn:aws[a-z-]*:iam::(\\d{12}):");
    /** Conditions that pin a wildcard principal down to known callers. */
    private static final Set<String> PINNING = Set.of("aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:sourceaccount", "aws:sourcearn", "aws:principalorgpaths", "aws:userid");

    private TrustAnalyzer() {
    }

    /** @throws IOException when the document is not JSON */
    static List<TrustEntry> analyze(String document, String ownAccount) throws IOException {
        List<TrustEntry> out = new ArrayList<>();
        JsonNode doc = JSON.readTree(document);
        JsonNode st = doc.path("Statement");
        List<JsonNode> stmts = new ArrayList<>();
        if (st.isArray()) {
            st.forEach(stmts::add);
        } else if (st.isObject()) {
            stmts.add(st);
        }
        for (JsonNode s : stmts) {
            if (!"Allow".equalsIgnoreCase(s.path("Effect").asText())) {
                continue;
            }
            List<String> keys = conditionKeys(s.path("Condition"));
            JsonNode p = s.path("Principal");
            if (p.isTextual()) {
                out.add(entry("AWS", p.asText(), keys, s, ownAccount));
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> it = p.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                for (String v : BasicPermissionEvaluator.strings(e.getValue())) {
                    out.add(entry(e.getKey(), v, keys, s, ownAccount));
                }
            }
        }
        return out;
    }

    private static TrustEntry entry(String type, String principal, List<String> keys, JsonNode stmt, String own) {
        List<String> lower = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        String issue = null;
        if ("AWS".equalsIgnoreCase(type) || "*".equals(type)) {
            if ("*".equals(principal)) {
                if (lower.stream().noneMatch(PINNING::contains)) {
                    issue = "any-principal";
                }
            } else {
                Matcher m = ACCOUNT.matcher(principal);
                String acct = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
                if (acct != null && !acct.equals(own) && !lower.contains("sts:externalid")
                        && lower.stream().noneMatch(k -> k.equals("aws:principalorgid"))) {
                    issue = "cross-account-no-external-id";
                }
            }
            type = "AWS";
        } else if ("Federated".equalsIgnoreCase(type) && principal.contains(":oidc-provider/")) {
            String host = principal.substring(principal.indexOf(":oidc-provider/") + ":oidc-provider/".length());
            boolean sub = false;
            JsonNode cond = stmt.path("Condition");
            Iterator<JsonNode> ops = cond.elements();
            while (ops.hasNext()) {
                Iterator<Map.Entry<String, JsonNode>> kv = ops.next().fields();
                while (kv.hasNext()) {
                    Map.Entry<String, JsonNode> e = kv.next();
                    if (e.getKey().equalsIgnoreCase(host + ":sub")) {
                        // A sub condition that is only a wildcard pins nothing.
                        sub = BasicPermissionEvaluator.strings(e.getValue()).stream().anyMatch(v -> !v.isBlank()
                                && !v.equals("*"));
                    }
                }
            }
            if (!sub) {
                issue = "oidc-no-sub";
            }
        }
        return new TrustEntry(type, principal, keys, issue);
    }

    private static List<String> conditionKeys(JsonNode cond) {
        List<String> keys = new ArrayList<>();
        cond.elements().forEachRemaining(op -> op.fieldNames().forEachRemaining(keys::add));
        return keys;
    }
}

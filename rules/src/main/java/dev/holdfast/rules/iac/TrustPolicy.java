package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a role trust policy (as JSON) for principals that are too open. Format-independent. */
final class TrustPolicy {
    private TrustPolicy() {
    }

    enum Kind { ANY_PRINCIPAL, OIDC_WITHOUT_SUB }

    /** @param statement 0-based index of the statement; {@code detail} names the principal */
    record Issue(Kind kind, int statement, String detail) {
    }

    static List<Issue> check(JsonNode policy) {
        List<Issue> out = new ArrayList<>();
        List<JsonNode> statements = statements(policy);
        for (int i = 0; i < statements.size(); i++) {
            JsonNode st = statements.get(i);
            if (!"allow".equalsIgnoreCase(st.path("Effect").asText(""))) {
                continue;
            }
            JsonNode principal = st.get("Principal");
            if (principal == null) {
                continue;
            }
            boolean conditioned = st.has("Condition") && st.get("Condition").size() > 0;
            if ((principal.isTextual() && principal.asText().equals("*"))
                    || values(principal.get("AWS")).stream().anyMatch(TrustPolicy::anyAccount)) {
                if (!conditioned) {
                    out.add(new Issue(Kind.ANY_PRINCIPAL, i, "*"));
                }
                continue;
            }
            List<String> federated = values(principal.get("Federated"));
            boolean webIdentity = values(st.get("Action")).stream()
                    .anyMatch(a -> a.equalsIgnoreCase("sts:AssumeRoleWithWebIdentity") || a.equals("*")
                            || a.equalsIgnoreCase("sts:*"));
            if (!federated.isEmpty() && webIdentity && !hasSubCondition(st.get("Condition"))) {
                out.add(new Issue(Kind.OIDC_WITHOUT_SUB, i, String.join(", ", federated)));
            }
        }
        return out;
    }

    /** "*" or an ARN with a wildcard account ("arn:aws:iam::*:root"). */
    private static boolean anyAccount(String principal) {
        return principal.equals("*") || principal.matches("arn:aws[\\w-]*:iam::\\*:.*");
    }

    /** A condition on the token's subject whose values are not just "*". */
    private static boolean hasSubCondition(JsonNode condition) {
        if (condition == null) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> keys = ops.next().getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> k = keys.next();
                if (k.getKey().toLowerCase(Locale.ROOT).endsWith(":sub")
                        && values(k.getValue()).stream().anyMatch(v -> !v.isBlank() && !v.equals("*"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<JsonNode> statements(JsonNode policy) {
        JsonNode st = policy == null ? null : policy.get("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (st == null) {
            return out;
        }
        if (st.isArray()) {
            st.forEach(out::add);
        } else if (st.isObject()) {
            out.add(st);
        }
        return out;
    }

    static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(v -> out.add(v.isValueNode() ? v.asText() : v.toString()));
        } else if (n.isValueNode()) {
            out.add(n.asText());
        } else {
            out.add(n.toString());
        }
        return out;
    }
}

package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.catalogue.Glob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one judge of role trust policies, for policy files, infrastructure code and live accounts alike: who may assume
 * the role, and whether that is anyone, any workload of an OpenID Connect provider, or (when the account is known)
 * another account without an external id. What pins a caller is data ({@code trust.yml}).
 */
public final class TrustPolicyJudge {
    private static final String RESOURCE = "/dev/holdfast/rules/iam/trust.yml";
    private static final Pattern ACCOUNT = Pattern.compile("^(\\d{12})$|^arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):");
    private static final Pattern ANY_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:(?:iam|sts)::\\*:.*");
    private static volatile TrustPolicyJudge standard;

    private final Data data;

    /** What a trusted principal amounts to. */
    public enum Verdict {
        ANY_PRINCIPAL("any-principal"),
        OIDC_NO_SUB("oidc-no-sub"),
        CROSS_ACCOUNT_NO_EXTERNAL_ID("cross-account-no-external-id");

        private final String id;

        Verdict(String id) {
            this.id = id;
        }

        /** The id the live snapshot records ({@code TrustEntry.issue}). */
        public String id() {
            return id;
        }
    }

    /**
     * One principal an Allow statement lets assume the role.
     *
     * @param type      AWS | Federated | Service | CanonicalUser ("*" reads as AWS)
     * @param principal the principal as written; for NotPrincipal, "* except " and the listed principals
     * @param verdict   null when the principal is well scoped
     */
    public record Trusted(Statement statement, String type, String principal, Verdict verdict) {
        /** The OIDC provider host ({@code token.actions.githubusercontent.com}), or the principal as written. */
        public String providerHost() {
            int i = principal.indexOf("oidc-provider/");
            return i < 0 ? principal : principal.substring(i + "oidc-provider/".length());
        }
    }

    /** The YAML shape of {@code trust.yml}. */
    record Data(List<String> assumeActions, List<String> pins, List<String> crossAccountPins,
                List<String> positiveOperators, List<String> positivePrefixes, List<String> audiencePinned,
                String samlMarker, List<String> subjectPrefixes) {
    }

    TrustPolicyJudge(Data data) {
        this.data = data;
    }

    /** The judge over the bundled {@code trust.yml} (loaded once). */
    public static TrustPolicyJudge standard() {
        TrustPolicyJudge j = standard;
        if (j == null) {
            try (InputStream in = TrustPolicyJudge.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("trust policy data " + RESOURCE + " is missing");
                }
                j = new TrustPolicyJudge(new ObjectMapper(new YAMLFactory())
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Data.class));
                standard = j;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return j;
    }

    /**
     * Every principal the policy's Allow statements let assume the role, in document order, each with its verdict.
     *
     * @param ownAccount the account the role lives in, or null when unknown (a file does not say): another account's
     *                   principal is then not judged
     */
    public List<Trusted> judge(PolicyDocument policy, String ownAccount) {
        List<Trusted> out = new ArrayList<>();
        for (Statement s : policy.statements()) {
            if (!s.allow() || s.principals().isEmpty() || !assumes(s)) {
                continue;
            }
            boolean pinned = pinned(s, data.pins());
            if (s.notPrincipal()) {
                List<String> listed = new ArrayList<>();
                s.principals().values().forEach(listed::addAll);
                out.add(new Trusted(s, "AWS", "* except " + String.join(", ", listed),
                        pinned ? null : Verdict.ANY_PRINCIPAL));
                continue;
            }
            for (Map.Entry<String, List<String>> e : s.principals().entrySet()) {
                String type = e.getKey().equals("*") ? "AWS" : e.getKey();
                for (String principal : e.getValue()) {
                    out.add(new Trusted(s, type, principal, verdict(s, type, principal, pinned, ownAccount)));
                }
            }
        }
        return out;
    }

    private Verdict verdict(Statement s, String type, String principal, boolean pinned, String own) {
        if (type.equalsIgnoreCase("AWS")) {
            if (principal.equals("*") || ANY_ACCOUNT.matcher(principal).matches()) {
                return pinned ? null : Verdict.ANY_PRINCIPAL;
            }
            String account = account(principal);
            if (own != null && account != null && !account.equals(own) && !pinned(s, data.crossAccountPins())) {
                return Verdict.CROSS_ACCOUNT_NO_EXTERNAL_ID;
            }
            return null;
        }
        if (type.equalsIgnoreCase("Federated") && !principal.contains(data.samlMarker())) {
            boolean byAudience = data.audiencePinned().stream().anyMatch(principal::equalsIgnoreCase);
            return subjectPinned(s, byAudience) ? null : Verdict.OIDC_NO_SUB;
        }
        return null;
    }

    private static String account(String principal) {
        Matcher m = ACCOUNT.matcher(principal);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** Allows sts:AssumeRole, …WithWebIdentity or …WithSAML (by pattern, or by a NotAction that leaves one out). */
    private boolean assumes(Statement s) {
        for (String action : data.assumeActions()) {
            boolean listed = s.actions().stream().anyMatch(p -> Glob.matches(p, action, true));
            if (listed != s.notAction()) {
                return true;
            }
        }
        return false;
    }

    /** A key of {@code keys} under a positive operator, every value naming something. */
    private boolean pinned(Statement s, List<String> keys) {
        return pinning(s, (key, values) -> keys.stream().anyMatch(key::equalsIgnoreCase)
                && values.stream().noneMatch(TrustPolicyJudge::onlyWildcard));
    }

    /** A condition on the token's subject ({@code <provider>:sub}; or {@code :aud} where the audience pins). */
    private boolean subjectPinned(Statement s, boolean byAudience) {
        return pinning(s, (key, values) -> {
            String k = key.toLowerCase(Locale.ROOT);
            return (k.endsWith(":sub") || byAudience && k.endsWith(":aud"))
                    && values.stream().noneMatch(this::subjectNamesNothing);
        });
    }

    private boolean pinning(Statement s, java.util.function.BiPredicate<String, List<String>> pins) {
        for (Map.Entry<String, Map<String, List<String>>> op : s.conditions().entrySet()) {
            if (!positive(op.getKey())) {
                continue;
            }
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                if (!key.getValue().isEmpty() && pins.test(key.getKey(), key.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean positive(String operator) {
        String op = operator;
        for (String prefix : data.positivePrefixes()) {
            if (op.regionMatches(true, 0, prefix, 0, prefix.length())) {
                op = op.substring(prefix.length());
            }
        }
        String bare = op;
        return data.positiveOperators().stream().anyMatch(bare::equalsIgnoreCase);
    }

    private static boolean onlyWildcard(String value) {
        return value.isBlank() || value.replaceAll("[*?]", "").isEmpty();
    }

    /** "*", "repo:*", "repo:*:*", "system:serviceaccount:*" and the like: a subject that names nothing. */
    private boolean subjectNamesNothing(String value) {
        String v = value;
        for (String prefix : data.subjectPrefixes()) {
            if (v.regionMatches(true, 0, prefix, 0, prefix.length()) && v.length() > prefix.length()
                    && (v.charAt(prefix.length()) == ':' || v.charAt(prefix.length()) == '/')) {
                v = v.substring(prefix.length() + 1);
                break;
            }
        }
        return v.replaceAll("[*?:/]", "").isEmpty();
    }
}

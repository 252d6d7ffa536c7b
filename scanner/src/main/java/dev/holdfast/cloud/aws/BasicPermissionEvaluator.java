package dev.holdfast.cloud.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.cloud.CloudGrant;
import dev.holdfast.cloud.CloudRisk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A self-contained evaluator: Allow statements become grants, unconditional Deny (and Deny with NotAction) take actions
 * away, Allow with NotAction grants everything but the listed actions. Risks come from {@code aws-risk-patterns.yml}.
 * Conditions other than MFA are treated as satisfiable (the conservative reading for a posture scan).
 */
public final class BasicPermissionEvaluator implements PermissionEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of aws-risk-patterns.yml. */
    public record RiskPattern(String kind, String id, String title, String severity, List<String> all,
                              List<String> any, boolean wildcardResource) {
    }

    private final List<RiskPattern> patterns;

    public BasicPermissionEvaluator() {
        this.patterns = loadPatterns();
    }

    static List<RiskPattern> loadPatterns() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = BasicPermissionEvaluator.class.getResourceAsStream("/dev/holdfast/cloud/aws-risk-patterns.yml")) {
            return Arrays.asList(yaml.readValue(in, RiskPattern[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read aws-risk-patterns.yml", e);
        }
    }

    private record Stmt(boolean allow, List<String> actions, boolean notAction, List<String> resources,
                        boolean notResource, boolean conditional, boolean mfa) {
    }

    @Override
    public EffectivePermissions evaluate(List<String> policies) {
        List<Stmt> stmts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String p : policies) {
            try {
                JsonNode doc = JSON.readTree(p);
                JsonNode st = doc.path("Statement");
                if (st.isObject()) {
                    stmts.add(statement(st));
                } else {
                    st.forEach(s -> stmts.add(statement(s)));
                }
            } catch (IOException | RuntimeException e) {
                warnings.add("unreadable policy document skipped");
            }
        }
        List<Stmt> allows = stmts.stream().filter(Stmt::allow).toList();
        List<Stmt> denies = stmts.stream().filter(s -> !s.allow() && !s.conditional()).toList();

        Map<String, CloudGrant> grants = new LinkedHashMap<>();
        for (Stmt a : allows) {
            List<String> resources = a.notResource() ? List.of("*") : a.resources().isEmpty() ? List.of("*") : a.resources();
            if (a.notAction()) {
                String action = "NotAction:" + String.join(",", a.actions().stream().sorted().toList());
                for (String r : resources) {
                    put(grants, new CloudGrant(action, r, "Full", a.mfa() ? true : null));
                }
                continue;
            }
            for (String act : a.actions()) {
                String action = normaliseAction(act);
                if (deniedEverywhere(action, denies)) {
                    continue;
                }
                for (String r : resources) {
                    put(grants, new CloudGrant(action, r, accessLevel(action), a.mfa() ? true : null));
                }
            }
        }

        List<CloudRisk> risks = new ArrayList<>();
        if (allowed("*", true, allows, denies) != null && allowedConcrete("iam:attachrolepolicy", true, allows, denies) != null
                && allowedConcrete("ec2:runinstances", true, allows, denies) != null) {
            Boolean mfa = allowedConcrete("iam:attachrolepolicy", true, allows, denies);
            risks.add(new CloudRisk("admin", "admin", "full administrative access (every action on every resource)",
                    "critical", List.of("*"), mfa ? true : null));
        }
        for (RiskPattern rp : patterns) {
            List<String> hit = new ArrayList<>();
            boolean ok = true;
            boolean mfa = false;
            for (String act : rp.all() == null ? List.<String>of() : rp.all()) {
                Boolean m = allowedConcrete(act.toLowerCase(Locale.ROOT), rp.wildcardResource(), allows, denies);
                if (m == null) {
                    ok = false;
                    break;
                }
                mfa |= m;
                hit.add(act);
            }
            if (ok && rp.any() != null && !rp.any().isEmpty()) {
                boolean anyHit = false;
                for (String act : rp.any()) {
                    Boolean m = allowedConcrete(act.toLowerCase(Locale.ROOT), rp.wildcardResource(), allows, denies);
                    if (m != null) {
                        anyHit = true;
                        mfa |= m;
                        hit.add(act);
                    }
                }
                ok = anyHit;
            }
            if (ok && !hit.isEmpty()) {
                risks.add(new CloudRisk(rp.kind(), rp.id(), rp.title(), rp.severity(), hit, mfa ? true : null));
            }
        }
        return new EffectivePermissions(List.copyOf(grants.values()), risks, warnings);
    }

    private static void put(Map<String, CloudGrant> grants, CloudGrant g) {
        CloudGrant old = grants.get(g.key());
        // The same grant from an MFA-conditioned and an unconditioned statement: the unconditioned one counts.
        if (old == null || (Boolean.TRUE.equals(old.mfaRequired()) && g.mfaRequired() == null)) {
            grants.put(g.key(), g);
        }
    }

    /** Whether {@code action} (which may itself be a wildcard) is allowed; returns MFA-required, or null if not. */
    private static Boolean allowed(String action, boolean wildcardResource, List<Stmt> allows, List<Stmt> denies) {
        return allowedConcrete(action, wildcardResource, allows, denies);
    }

    private static Boolean allowedConcrete(String action, boolean wildcardResource, List<Stmt> allows, List<Stmt> denies) {
        if (deniedEverywhere(action, denies)) {
            return null;
        }
        Boolean best = null;
        for (Stmt a : allows) {
            boolean matches = a.notAction()
                    ? a.actions().stream().noneMatch(p -> glob(p).matcher(action).matches())
                    : a.actions().stream().anyMatch(p -> glob(p).matcher(action).matches());
            if (!matches) {
                continue;
            }
            if (wildcardResource && !(a.notResource() || a.resources().isEmpty() || a.resources().contains("*"))) {
                continue;
            }
            if (!a.mfa()) {
                return false;
            }
            best = true;
        }
        return best;
    }

    private static boolean deniedEverywhere(String action, List<Stmt> denies) {
        for (Stmt d : denies) {
            boolean everywhere = !d.notResource() && d.resources().contains("*");
            if (!everywhere) {
                continue;
            }
            boolean matches = d.notAction()
                    ? d.actions().stream().noneMatch(p -> glob(p).matcher(action).matches())
                    : d.actions().stream().anyMatch(p -> glob(p).matcher(action).matches());
            if (matches) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static Stmt statement(JsonNode s) {
        boolean allow = "Allow".equalsIgnoreCase(s.path("Effect").asText());
        boolean notAction = s.has("NotAction");
        List<String> actions = strings(notAction ? s.get("NotAction") : s.get("Action"));
        boolean notResource = s.has("NotResource");
        List<String> resources = strings(notResource ? s.get("NotResource") : s.get("Resource"));
        JsonNode cond = s.path("Condition");
        boolean conditional = cond.isObject() && cond.size() > 0;
        boolean mfa = cond.toString().toLowerCase(Locale.ROOT).contains("aws:multifactorauth");
        return new Stmt(allow, actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList(), notAction, resources,
                notResource, conditional, mfa);
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    /** "IAM:passrole" → "iam:PassRole"-insensitive form: the service prefix lower-cased, the name as written. */
    private static String normaliseAction(String a) {
        return a.toLowerCase(Locale.ROOT);
    }

    /** The IAM access level of an action, guessed from its verb; wildcards are "Full". */
    static String accessLevel(String action) {
        if (action.contains("*")) {
            return "Full";
        }
        String name = action.substring(action.indexOf(':') + 1);
        if (action.startsWith("iam:") && (name.contains("policy") || name.equals("passrole")
                || name.startsWith("add") || name.contains("assumerole") || name.contains("accesskey")
                || name.contains("loginprofile"))) {
            return "Permissions management";
        }
        if (name.startsWith("list") || name.startsWith("describe")) {
            return "List";
        }
        if (name.startsWith("get") || name.startsWith("read") || name.startsWith("query") || name.startsWith("scan")
                || name.startsWith("decrypt") || name.startsWith("batchget") || name.startsWith("select")) {
            return "Read";
        }
        if (name.startsWith("tag") || name.startsWith("untag")) {
            return "Tagging";
        }
        return "Write";
    }
}

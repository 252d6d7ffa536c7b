package dev.holdfast.remediator.fixers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.catalogue.Glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * IAM policy documents (JSON with a {@code Statement}): restores the statements as the ledger's fix left them, but
 * only when that is purely a narrowing — every grant the fix allowed is still allowed at HEAD and every deny at HEAD
 * was already there — so the change can only take away what the regression added. Anything else is manual.
 */
public final class IamPolicyFixer implements RuleFixer {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "iam-policy";
    }

    @Override
    public boolean handles(FixContext context) {
        if (!context.path().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return false;
        }
        JsonNode doc = parse(context.headText());
        return doc != null && doc.has("Statement");
    }

    @Override
    public FixerOutcome fix(FixContext context) {
        if (context.fixVersion() == null) {
            return FixerOutcome.refused("the policy as of the fix commit is unknown");
        }
        JsonNode head = parse(context.headText());
        JsonNode fixed = parse(context.fixVersionText());
        if (head == null || fixed == null || !fixed.has("Statement")) {
            return FixerOutcome.refused("the policy as of the fix commit is not a policy document");
        }
        Set<String> headAllow = grants(head, "Allow");
        Set<String> fixAllow = grants(fixed, "Allow");
        Set<String> headDeny = grants(head, "Deny");
        Set<String> fixDeny = grants(fixed, "Deny");
        if (headAllow == null || fixAllow == null || headDeny == null || fixDeny == null) {
            return FixerOutcome.refused("the policy uses NotAction/NotResource; narrowing it needs a person");
        }
        if (!covers(headAllow, fixAllow) || !covers(fixDeny, headDeny)) {
            return FixerOutcome.refused("restoring the fix commit's statements would grant or un-deny something HEAD"
                    + " does not");
        }
        ObjectNode out = ((ObjectNode) head).deepCopy();
        out.set("Statement", fixed.get("Statement"));
        TreeSet<String> removed = new TreeSet<>(headAllow);
        removed.removeAll(fixAllow);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            String text = JSON.writer(printer).writeValueAsString(out).replace("\r\n", "\n");
            if (context.headText().endsWith("\n")) {
                text += "\n";
            }
            return FixerOutcome.changed(text, "restores the policy statements of the fix, removing "
                    + removed.size() + " grant(s)");
        } catch (JsonProcessingException e) {
            return FixerOutcome.refused("cannot write the policy: " + e.getOriginalMessage());
        }
    }

    /**
     * Whether every grant in {@code wanted} is already granted by one in {@code by}: the same principal and
     * condition, with an action and resource pattern ({@code *}, {@code ?}) that matches it — s3:* on * covers
     * s3:GetObject on arn:aws:s3:::reports/*.
     */
    static boolean covers(Set<String> by, Set<String> wanted) {
        for (String w : wanted) {
            String[] want = w.split("\\|", 4);
            boolean covered = false;
            for (String b : by) {
                String[] have = b.split("\\|", 4);
                if (have[2].equals(want[2]) && have[3].equals(want[3]) && Glob.matches(have[0], want[0], false)
                        && Glob.matches(have[1], want[1], false)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** effect|action|resource|condition keys, lower-cased actions; null when the policy uses Not* elements. */
    private static Set<String> grants(JsonNode policy, String effect) {
        Set<String> out = new TreeSet<>();
        JsonNode statements = policy.get("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        for (JsonNode s : list) {
            if (!effect.equals(s.path("Effect").asText())) {
                continue;
            }
            if (s.has("NotAction") || s.has("NotResource") || s.has("NotPrincipal")) {
                return null;
            }
            String condition = s.has("Condition") ? s.get("Condition").toString() : "";
            String principal = s.has("Principal") ? s.get("Principal").toString() : "";
            for (String action : values(s.get("Action"))) {
                for (String resource : values(s.get("Resource"))) {
                    out.add(action.toLowerCase(Locale.ROOT) + "|" + resource + "|" + principal + "|" + condition);
                }
            }
        }
        return out;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            out.add("");
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}

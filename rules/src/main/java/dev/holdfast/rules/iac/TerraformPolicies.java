package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the ways Terraform spells a policy into JSON: {@code jsonencode({...})}, heredoc or string JSON, and
 * references to {@code data "aws_iam_policy_document"} blocks in the same file.
 */
final class TerraformPolicies {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern DOC_REF = Pattern.compile("^data\\.aws_iam_policy_document\\.([\\w-]+)\\.json$");

    private final Map<String, HclBody.Block> documents = new LinkedHashMap<>();
    private final List<String> referenced = new ArrayList<>();

    TerraformPolicies(HclBody file) {
        for (HclBody.Block b : file.blocks("data")) {
            if (b.label(0).equals("aws_iam_policy_document")) {
                documents.put(b.label(1), b);
            }
        }
    }

    /** The policy a value spells, if it is one we can read. */
    Optional<PolicyJson> resolve(HclValue v) {
        if (v instanceof HclValue.Call c && c.name().equals("jsonencode") && c.args().size() == 1) {
            JsonNode json = toJson(c.args().get(0));
            if (!json.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new PolicyJson(json, statementLines(c.args().get(0))));
        }
        if (v instanceof HclValue.Str s) {
            return Optional.ofNullable(PolicyJson.parse(s.text(), s.line()));
        }
        if (v instanceof HclValue.Expr e) {
            Matcher m = DOC_REF.matcher(e.raw().trim());
            if (m.matches() && documents.containsKey(m.group(1))) {
                referenced.add(m.group(1));
                return Optional.of(document(documents.get(m.group(1))));
            }
        }
        return Optional.empty();
    }

    /** Policy documents no resource attribute referenced (so far), with their data source blocks. */
    Map<String, HclBody.Block> unreferenced() {
        Map<String, HclBody.Block> out = new LinkedHashMap<>(documents);
        referenced.forEach(out::remove);
        return out;
    }

    /** aws_iam_policy_document → IAM JSON, following the provider's argument names. */
    PolicyJson document(HclBody.Block block) {
        ObjectNode doc = F.objectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        List<Integer> lines = new ArrayList<>();
        for (HclBody.Block st : block.body().blocks("statement")) {
            ObjectNode s = statements.addObject();
            lines.add(st.line());
            putText(s, "Sid", st.body().value("sid"));
            HclValue effect = st.body().value("effect");
            s.put("Effect", effect == null ? "Allow" : HclValue.text(effect));
            putList(s, "Action", st.body().value("actions"));
            putList(s, "NotAction", st.body().value("not_actions"));
            putList(s, "Resource", st.body().value("resources"));
            putList(s, "NotResource", st.body().value("not_resources"));
            putPrincipals(s, "Principal", st.body().blocks("principals"));
            putPrincipals(s, "NotPrincipal", st.body().blocks("not_principals"));
            List<HclBody.Block> conditions = st.body().blocks("condition");
            if (!conditions.isEmpty()) {
                ObjectNode cond = s.putObject("Condition");
                for (HclBody.Block c : conditions) {
                    String test = HclValue.text(c.body().value("test"));
                    String variable = HclValue.text(c.body().value("variable"));
                    if (test == null || variable == null) {
                        continue;
                    }
                    ObjectNode op = cond.has(test) ? (ObjectNode) cond.get(test) : cond.putObject(test);
                    op.set(variable, toJson(c.body().value("values")));
                }
            }
        }
        return new PolicyJson(doc, lines);
    }

    private static void putText(ObjectNode s, String key, HclValue v) {
        if (v != null) {
            s.set(key, toJson(v));
        }
    }

    private static void putList(ObjectNode s, String key, HclValue v) {
        if (v != null) {
            s.set(key, toJson(v));
        }
    }

    private static void putPrincipals(ObjectNode s, String key, List<HclBody.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        ObjectNode p = s.putObject(key);
        for (HclBody.Block b : blocks) {
            String type = HclValue.text(b.body().value("type"));
            if (type == null) {
                continue;
            }
            JsonNode ids = toJson(b.body().value("identifiers"));
            if (p.has(type) && p.get(type).isArray() && ids.isArray()) {
                ((ArrayNode) p.get(type)).addAll((ArrayNode) ids);
            } else {
                p.set(type, ids);
            }
        }
    }

    private static List<Integer> statementLines(HclValue root) {
        List<Integer> lines = new ArrayList<>();
        if (root instanceof HclValue.Obj o) {
            HclValue st = o.get("Statement");
            if (st instanceof HclValue.Tuple t) {
                t.items().forEach(i -> lines.add(i.line()));
            } else if (st != null) {
                lines.add(st.line());
            }
        }
        return lines;
    }

    /** HCL value → JSON; unresolved references become "${...}" strings so the IAM engine still sees their place. */
    static JsonNode toJson(HclValue v) {
        if (v == null || v instanceof HclValue.Null) {
            return F.nullNode();
        }
        if (v instanceof HclValue.Str s) {
            return F.textNode(s.text());
        }
        if (v instanceof HclValue.Num n) {
            try {
                return n.text().contains(".") ? F.numberNode(Double.parseDouble(n.text()))
                        : F.numberNode(Long.parseLong(n.text()));
            } catch (NumberFormatException e) {
                return F.textNode(n.text());
            }
        }
        if (v instanceof HclValue.Bool b) {
            return F.booleanNode(b.value());
        }
        if (v instanceof HclValue.Obj o) {
            ObjectNode out = F.objectNode();
            o.entries().forEach((k, val) -> out.set(k, toJson(val)));
            return out;
        }
        if (v instanceof HclValue.Tuple t) {
            ArrayNode out = F.arrayNode();
            t.items().forEach(i -> out.add(toJson(i)));
            return out;
        }
        if (v instanceof HclValue.Expr e) {
            return F.textNode("${" + e.raw() + "}");
        }
        HclValue.Call c = (HclValue.Call) v;
        return F.textNode("${" + c.name() + "(...)}");
    }
}

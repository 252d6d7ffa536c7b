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
        if (v instanceof HclValue.Call c && c.name().equals("jsonencode") && c.args().size() == 1
                && c.args().get(0) instanceof HclValue.Obj o) {
            return Optional.ofNullable(PolicyJson.of(LinedJson.fromHcl(o), o.line()));
        }
        if (v instanceof HclValue.Str s) {
            return Optional.ofNullable(PolicyJson.parse(s.text(), s.line()));
        }
        if (v instanceof HclValue.Expr e) {
            Matcher m = DOC_REF.matcher(e.raw().trim());
            if (m.matches() && documents.containsKey(m.group(1))) {
                referenced.add(m.group(1));
                return Optional.ofNullable(document(documents.get(m.group(1))));
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

    /** aws_iam_policy_document → IAM JSON, following the provider's argument names, lined up with the block; never null. */
    PolicyJson document(HclBody.Block block) {
        LinedJson.Obj doc = LinedJson.obj(block.line());
        doc.with("Version", LinedJson.text("2012-10-17", 0));
        List<LinedJson.Value> statements = new ArrayList<>();
        for (HclBody.Block st : block.body().blocks("statement")) {
            LinedJson.Obj s = LinedJson.obj(st.line());
            put(s, "Sid", st.body().attribute("sid"));
            HclBody.Attribute effect = st.body().attribute("effect");
            s.with("Effect", effect == null ? LinedJson.text("Allow", 0) : LinedJson.fromHcl(effect.value()));
            put(s, "Action", st.body().attribute("actions"));
            put(s, "NotAction", st.body().attribute("not_actions"));
            put(s, "Resource", st.body().attribute("resources"));
            put(s, "NotResource", st.body().attribute("not_resources"));
            principals(s, "Principal", st.body().blocks("principals"));
            principals(s, "NotPrincipal", st.body().blocks("not_principals"));
            List<HclBody.Block> conditions = st.body().blocks("condition");
            if (!conditions.isEmpty()) {
                Map<String, LinedJson.Obj> byTest = new LinkedHashMap<>();
                for (HclBody.Block c : conditions) {
                    String test = HclValue.text(c.body().value("test"));
                    String variable = HclValue.text(c.body().value("variable"));
                    if (test != null && variable != null) {
                        byTest.computeIfAbsent(test, t -> LinedJson.obj(c.line()))
                                .with(variable, LinedJson.fromHcl(c.body().value("values")));
                    }
                }
                LinedJson.Obj cond = LinedJson.obj(conditions.get(0).line());
                byTest.forEach(cond::with);
                s.with("Condition", cond);
            }
            statements.add(s);
        }
        doc.with("Statement", new LinedJson.Arr(statements, 0));
        return PolicyJson.of(doc, block.line());
    }

    private static void put(LinedJson.Obj s, String key, HclBody.Attribute a) {
        if (a != null) {
            s.with(key, LinedJson.fromHcl(a.value()));
        }
    }

    /** principals blocks → {"AWS": [...], "Service": [...]}; repeated types are merged into one list. */
    private static void principals(LinedJson.Obj s, String key, List<HclBody.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        Map<String, List<LinedJson.Value>> byType = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (HclBody.Block b : blocks) {
            String type = HclValue.text(b.body().value("type"));
            if (type == null) {
                continue;
            }
            LinedJson.Value ids = LinedJson.fromHcl(b.body().value("identifiers"));
            lines.putIfAbsent(type, ids.line());
            List<LinedJson.Value> list = byType.computeIfAbsent(type, t -> new ArrayList<>());
            if (ids instanceof LinedJson.Arr arr) {
                list.addAll(arr.items());
            } else {
                list.add(ids);
            }
        }
        LinedJson.Obj p = LinedJson.obj(blocks.get(0).line());
        byType.forEach((type, ids) -> p.with(type, new LinedJson.Arr(ids, lines.get(type))));
        s.with(key, p);
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

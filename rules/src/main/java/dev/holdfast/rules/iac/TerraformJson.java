package dev.holdfast.rules.iac;

import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform's JSON syntax ({@code *.tf.json}, e.g. CDKTF output) read into the same {@link HclBody} model as native
 * HCL, so every Terraform rule applies to both. Strings that are a single {@code "${...}"} interpolation become
 * expressions; nested objects under known block names (statement, principals, condition…) become blocks.
 */
final class TerraformJson {
    private static final Pattern WHOLE_INTERPOLATION = Pattern.compile("^\\$\\{([^{}]*)}$");
    /** Keys that are nested blocks, not object-valued attributes, in the resources we read. */
    private static final Set<String> BLOCKS = Set.of("statement", "principals", "not_principals", "condition",
            "inline_policy");

    private TerraformJson() {
    }

    static HclBody parse(String text, String path) {
        Node root = YamlNodes.parse(text, path);
        List<HclBody.Block> blocks = new ArrayList<>();
        for (String kind : List.of("resource", "data")) {
            for (NodeTuple type : YamlNodes.entries(YamlNodes.get(root, kind))) {
                for (NodeTuple name : YamlNodes.entries(type.getValueNode())) {
                    for (Node body : objects(name.getValueNode())) {
                        blocks.add(new HclBody.Block(kind, List.of(YamlNodes.keyText(type), YamlNodes.keyText(name)),
                                body(body), YamlNodes.line(name.getKeyNode()), YamlNodes.column(name.getKeyNode())));
                    }
                }
            }
        }
        return new HclBody(List.of(), blocks);
    }

    private static List<Node> objects(Node n) {
        return n instanceof SequenceNode s ? s.getValue() : List.of(n);
    }

    private static HclBody body(Node object) {
        List<HclBody.Attribute> attributes = new ArrayList<>();
        List<HclBody.Block> blocks = new ArrayList<>();
        for (NodeTuple t : YamlNodes.entries(object)) {
            String key = YamlNodes.keyText(t);
            Node v = t.getValueNode();
            if (BLOCKS.contains(key) && (v instanceof MappingNode || v instanceof SequenceNode)) {
                for (Node b : objects(v)) {
                    blocks.add(new HclBody.Block(key, List.of(), body(b), YamlNodes.line(b), YamlNodes.column(b)));
                }
            } else {
                attributes.add(new HclBody.Attribute(key, value(v), YamlNodes.line(t.getKeyNode()),
                        YamlNodes.column(t.getKeyNode())));
            }
        }
        return new HclBody(attributes, blocks);
    }

    private static HclValue value(Node n) {
        int line = YamlNodes.line(n);
        int col = YamlNodes.column(n);
        if (n instanceof MappingNode m) {
            LinkedHashMap<String, HclValue> entries = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                entries.put(YamlNodes.keyText(t), value(t.getValueNode()));
            }
            return new HclValue.Obj(entries, line, col);
        }
        if (n instanceof SequenceNode s) {
            return new HclValue.Tuple(s.getValue().stream().map(TerraformJson::value).toList(), line, col);
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return new HclValue.Num(s.getValue(), line, col);
        }
        if (Tag.BOOL.equals(tag)) {
            return new HclValue.Bool(Boolean.parseBoolean(s.getValue()), line, col);
        }
        if (Tag.NULL.equals(tag)) {
            return new HclValue.Null(line, col);
        }
        Matcher m = WHOLE_INTERPOLATION.matcher(s.getValue().trim());
        return m.matches() ? new HclValue.Expr(m.group(1).trim(), line, col) : new HclValue.Str(s.getValue(), line, col);
    }
}

package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * snakeyaml node → JSON, turning CloudFormation short-form tags into their long form ({@code !Ref x} →
 * {@code {"Ref": "x"}}, {@code !GetAtt a.b} → {@code {"Fn::GetAtt": ["a","b"]}}, {@code !Sub s} →
 * {@code {"Fn::Sub": "s"}}), as CloudFormation itself does.
 */
final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlJson() {
    }

    static JsonNode toJson(Node n) {
        JsonNode plain = plain(n);
        Tag tag = n.getTag();
        if (tag != null && !tag.startsWith(Tag.PREFIX) && tag.getValue().startsWith("!")) {
            String fn = tag.getValue().substring(1);
            ObjectNode o = F.objectNode();
            if (fn.equals("Ref") || fn.equals("Condition")) {
                o.set(fn, plain);
            } else if (fn.equals("GetAtt") && plain.isTextual() && plain.asText().contains(".")) {
                String t = plain.asText();
                int dot = t.indexOf('.');
                o.set("Fn::GetAtt", F.arrayNode().add(t.substring(0, dot)).add(t.substring(dot + 1)));
            } else {
                o.set("Fn::" + fn, plain);
            }
            return o;
        }
        return plain;
    }

    private static JsonNode plain(Node n) {
        if (n instanceof MappingNode m) {
            ObjectNode o = F.objectNode();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    o.set(k.getValue(), toJson(t.getValueNode()));
                }
            }
            return o;
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = F.arrayNode();
            s.getValue().forEach(i -> a.add(toJson(i)));
            return a;
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            if (Tag.INT.equals(tag)) {
                return F.numberNode(Long.parseLong(v));
            }
            if (Tag.FLOAT.equals(tag)) {
                return F.numberNode(Double.parseDouble(v));
            }
        } catch (NumberFormatException e) {
            return F.textNode(v);
        }
        if (Tag.BOOL.equals(tag)) {
            return F.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        }
        if (Tag.NULL.equals(tag)) {
            return F.nullNode();
        }
        return F.textNode(v);
    }
}

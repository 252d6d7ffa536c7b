package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** YAML scalars as JSON values, typed by the tag snakeyaml's resolver gave them. */
final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlJson() {
    }

    /** A YAML scalar as the JSON value its resolved tag says (int, float, bool, null, else text). */
    static JsonNode scalar(ScalarNode s) {
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

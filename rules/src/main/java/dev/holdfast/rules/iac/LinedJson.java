package dev.holdfast.rules.iac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON rendered so that its lines line up with the source it came from: every value whose source line is known is
 * written on that line (relative to the line the JSON starts at), padding with new lines, which JSON allows. A policy
 * written as HCL ({@code jsonencode}) or CloudFormation YAML thus becomes JSON in which "line k" means line
 * {@code start + k - 1} of the original file, so an IAM engine's per-statement and per-action lines point into it.
 */
final class LinedJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private LinedJson() {
    }

    /** A JSON value with the 1-based source line it starts on (0 when unknown, e.g. generated). */
    sealed interface Value {
        int line();
    }

    record Obj(List<Map.Entry<String, Value>> entries, int line) implements Value {
        Obj with(String key, Value v) {
            entries.add(new AbstractMap.SimpleEntry<>(key, v));
            return this;
        }
    }

    record Arr(List<Value> items, int line) implements Value {
    }

    record Scalar(JsonNode value, int line) implements Value {
    }

    static Obj obj(int line) {
        return new Obj(new ArrayList<>(), line);
    }

    static Scalar text(String s, int line) {
        return new Scalar(F.textNode(s), line);
    }

    /** Renders the value starting at {@code startLine}. */
    static String render(Value v, int startLine) {
        Writer w = new Writer(startLine);
        w.value(v);
        return w.sb.toString();
    }

    private static final class Writer {
        final StringBuilder sb = new StringBuilder();
        int current;

        Writer(int startLine) {
            this.current = startLine;
        }

        void moveTo(int line) {
            while (line > current) {
                sb.append('\n');
                current++;
            }
        }

        void value(Value v) {
            moveTo(v.line());
            if (v instanceof Obj o) {
                sb.append('{');
                for (int i = 0; i < o.entries().size(); i++) {
                    Map.Entry<String, Value> e = o.entries().get(i);
                    if (i > 0) {
                        sb.append(", ");
                    }
                    moveTo(e.getValue().line());
                    sb.append(quote(e.getKey())).append(": ");
                    value(e.getValue());
                }
                sb.append('}');
            } else if (v instanceof Arr a) {
                sb.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    value(a.items().get(i));
                }
                sb.append(']');
            } else {
                sb.append(((Scalar) v).value().toString());
            }
        }

        private static String quote(String s) {
            try {
                return PolicyJson.MAPPER.writeValueAsString(s);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** HCL → lined JSON; unresolved references become "${...}" strings so the IAM engine still sees their place. */
    static Value fromHcl(HclValue v) {
        if (v == null) {
            return new Scalar(F.nullNode(), 0);
        }
        if (v instanceof HclValue.Obj o) {
            Obj out = obj(o.line());
            o.entries().forEach((k, val) -> out.with(k, fromHcl(val)));
            return out;
        }
        if (v instanceof HclValue.Tuple t) {
            List<Value> items = new ArrayList<>();
            t.items().forEach(i -> items.add(fromHcl(i)));
            return new Arr(items, t.line());
        }
        return new Scalar(TerraformPolicies.toJson(v), v.line());
    }

    /** CloudFormation YAML → lined JSON, short-form tags in their long form ({@code !Ref x} → {"Ref": "x"}). */
    static Value fromYaml(Node n) {
        int line = n.getStartMark().getLine() + 1;
        Value plain;
        if (n instanceof MappingNode m) {
            Obj o = obj(line);
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    o.with(k.getValue(), fromYaml(t.getValueNode()));
                }
            }
            plain = o;
        } else if (n instanceof SequenceNode s) {
            List<Value> items = new ArrayList<>();
            s.getValue().forEach(i -> items.add(fromYaml(i)));
            plain = new Arr(items, line);
        } else {
            plain = new Scalar(YamlJson.scalar((ScalarNode) n), line);
        }
        Tag tag = n.getTag();
        if (tag != null && !tag.startsWith(Tag.PREFIX) && tag.getValue().startsWith("!")) {
            String fn = tag.getValue().substring(1);
            if (fn.equals("GetAtt") && plain instanceof Scalar s && s.value().asText().contains(".")) {
                String t = s.value().asText();
                int dot = t.indexOf('.');
                plain = new Arr(List.of(text(t.substring(0, dot), line), text(t.substring(dot + 1), line)), line);
            }
            return obj(line).with(fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn, plain);
        }
        return plain;
    }
}

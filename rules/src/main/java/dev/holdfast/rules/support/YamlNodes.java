package dev.holdfast.rules.support;

import dev.holdfast.rules.detect.DetectorException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML (and JSON, which snakeyaml also reads) into snakeyaml's node tree, which keeps line marks and tolerates
 * unknown tags such as CloudFormation's {@code !Ref} / {@code !Sub} because nodes are never constructed into objects.
 */
public final class YamlNodes {
    private YamlNodes() {
    }

    /** The first document's root node, or null for an empty document. */
    public static Node parse(String text, String path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setCodePointLimit(20 * 1024 * 1024);
        try {
            return new Yaml(options).compose(new StringReader(text.replace("\t", "  ")));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new DetectorException(path + ":" + line + ": not valid YAML: " + oneLine(e.getProblem()), e);
        } catch (YAMLException e) {
            throw new DetectorException(path + ": not valid YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    public static Node get(Node map, String key) {
        NodeTuple t = entry(map, key);
        return t == null ? null : t.getValueNode();
    }

    public static NodeTuple entry(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t;
                }
            }
        }
        return null;
    }

    public static List<NodeTuple> entries(Node map) {
        return map instanceof MappingNode m ? m.getValue() : List.of();
    }

    public static List<Node> items(Node seq) {
        return seq instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** A scalar's text, or null when the node is absent or not a scalar. */
    public static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    public static String keyText(NodeTuple t) {
        return scalar(t.getKeyNode());
    }

    public static int line(Node n) {
        return n == null ? 1 : n.getStartMark().getLine() + 1;
    }

    public static int column(Node n) {
        return n == null ? 1 : n.getStartMark().getColumn() + 1;
    }

    /** Every scalar below a node (for "does this job mention X anywhere"). */
    public static List<String> allScalars(Node n) {
        List<String> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof ScalarNode s) {
            out.add(s.getValue());
        } else if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                collect(t.getKeyNode(), out);
                collect(t.getValueNode(), out);
            }
        } else if (n instanceof SequenceNode s) {
            s.getValue().forEach(c -> collect(c, out));
        }
    }
}

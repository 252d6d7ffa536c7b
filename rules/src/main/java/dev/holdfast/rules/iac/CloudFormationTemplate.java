package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A CloudFormation template (YAML or JSON) read as snakeyaml nodes, or null when the document is not one. */
final class CloudFormationTemplate {
    record Resource(String logicalId, String type, Node properties, Node keyNode) {
    }

    final List<Resource> resources;

    private CloudFormationTemplate(List<Resource> resources) {
        this.resources = resources;
    }

    static boolean candidate(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return (p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json") || p.endsWith(".template"))
                && !p.endsWith(".tf.json");
    }

    /** Null unless the document has a Resources map with AWS:: types. */
    static CloudFormationTemplate read(String text, String path) {
        if (!candidate(path) || !text.contains("AWS::")) {
            return null; // cheap filter: most YAML/JSON files are not templates and need no parse
        }
        Node root;
        try {
            root = YamlNodes.parse(text, path);
        } catch (DetectorException e) {
            if (text.contains("AWSTemplateFormatVersion")) {
                throw e;
            }
            return null; // some other file that mentions AWS:: (a Helm template, docs): not ours to judge
        }
        Node res = YamlNodes.get(root, "Resources");
        if (!(res instanceof MappingNode)) {
            return null;
        }
        List<Resource> out = new ArrayList<>();
        for (NodeTuple t : YamlNodes.entries(res)) {
            String type = YamlNodes.scalar(YamlNodes.get(t.getValueNode(), "Type"));
            if (type != null && type.startsWith("AWS::")) {
                out.add(new Resource(YamlNodes.keyText(t), type, YamlNodes.get(t.getValueNode(), "Properties"),
                        t.getKeyNode()));
            }
        }
        return out.isEmpty() ? null : new CloudFormationTemplate(out);
    }

}

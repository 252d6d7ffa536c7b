package dev.holdfast.rules.iac;

import java.util.List;

/** A Terraform file or block body: attributes and nested blocks in source order. */
public record HclBody(List<Attribute> attributes, List<Block> blocks) {

    public record Attribute(String name, HclValue value, int line, int column) {
    }

    public record Block(String type, List<String> labels, HclBody body, int line, int column) {
        public String label(int i) {
            return i < labels.size() ? labels.get(i) : "";
        }

        /** "aws_iam_role.deploy" for resources, "data.aws_iam_policy_document.x" for data sources. */
        public String address() {
            return (type.equals("resource") ? "" : type + ".") + String.join(".", labels);
        }
    }

    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public HclValue value(String name) {
        Attribute a = attribute(name);
        return a == null ? null : a.value();
    }

    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
}

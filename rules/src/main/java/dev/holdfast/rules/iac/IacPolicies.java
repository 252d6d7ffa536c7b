package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.holdfast.rules.iac.IacCatalogue.POLICY_ATTRIBUTES;

/**
 * The IAM policy documents embedded in Terraform and CloudFormation, for the IAM policy engine: Terraform
 * {@code jsonencode({...})}, heredoc / string JSON and {@code aws_iam_policy_document} data sources; CloudFormation
 * {@code PolicyDocument}, {@code AssumeRolePolicyDocument} and {@code Policies[].PolicyDocument}. Which resource
 * attributes hold policies is data (policy-attributes.yml).
 */
public final class IacPolicies {
    private IacPolicies() {
    }

    /**
     * Every policy the document embeds, in source order; empty for other files. Malformed Terraform / CloudFormation
     * throws {@link dev.holdfast.rules.detect.DetectorException} like the detectors do.
     */
    public static List<EmbeddedPolicy> extract(Document document) {
        if (TerraformDetector.applies(document.path())) {
            return terraform(document);
        }
        if (!CloudFormationTemplate.candidate(document.path())) {
            return List.of();
        }
        CloudFormationTemplate t = CloudFormationTemplate.read(document.text(), document.path());
        return t == null ? List.of() : cloudFormation(document.path(), t);
    }

    private static List<EmbeddedPolicy> terraform(Document document) {
        HclBody file = TerraformDetector.read(document);
        TerraformPolicies policies = new TerraformPolicies(file);
        List<EmbeddedPolicy> out = new ArrayList<>();
        for (HclBody.Block b : file.blocks("resource")) {
            Map<String, String> slots = POLICY_ATTRIBUTES.terraform().getOrDefault(b.label(0), Map.of());
            for (Map.Entry<String, String> slot : slots.entrySet()) {
                add(out, document.path(), b.address(), slot.getKey(), slot.getValue(), b.body().attribute(slot.getKey()),
                        policies);
            }
            if (b.label(0).equals("aws_iam_role")) {
                for (HclBody.Block inline : b.body().blocks("inline_policy")) {
                    add(out, document.path(), b.address(), "inline_policy.policy", "identity",
                            inline.body().attribute("policy"), policies);
                }
            }
        }
        for (Map.Entry<String, HclBody.Block> doc : policies.unreferenced().entrySet()) {
            PolicyJson p = policies.document(doc.getValue());
            out.add(new EmbeddedPolicy(document.path(), p.baseLine(), doc.getValue().address(), "json",
                    "document", p.text(), p.statementLines()));
        }
        return out;
    }

    private static void add(List<EmbeddedPolicy> out, String path, String address, String attribute, String kind,
                            HclBody.Attribute a, TerraformPolicies policies) {
        if (a == null) {
            return;
        }
        Optional<PolicyJson> p = policies.resolve(a.value());
        p.ifPresent(j -> out.add(new EmbeddedPolicy(path, j.baseLine(), address, attribute, kind, j.text(),
                j.statementLines())));
    }

    private static List<EmbeddedPolicy> cloudFormation(String path, CloudFormationTemplate t) {
        List<EmbeddedPolicy> out = new ArrayList<>();
        for (CloudFormationTemplate.Resource r : t.resources) {
            Map<String, String> slots = POLICY_ATTRIBUTES.cloudformation().getOrDefault(r.type(), Map.of());
            for (Map.Entry<String, String> slot : slots.entrySet()) {
                Node n = YamlNodes.get(r.properties(), slot.getKey());
                if (n == null) {
                    continue;
                }
                if (slot.getKey().equals("Policies")) {
                    int i = 0;
                    for (Node item : YamlNodes.items(n)) {
                        Node doc = YamlNodes.get(item, "PolicyDocument");
                        if (doc != null) {
                            cfn(path, r, "Policies[" + i + "].PolicyDocument", slot.getValue(), doc).ifPresent(out::add);
                        }
                        i++;
                    }
                } else {
                    cfn(path, r, slot.getKey(), slot.getValue(), n).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<EmbeddedPolicy> cfn(String path, CloudFormationTemplate.Resource r, String attribute,
                                                String kind, Node doc) {
        return Optional.ofNullable(PolicyJson.of(LinedJson.fromYaml(doc), YamlNodes.line(doc)))
                .map(p -> new EmbeddedPolicy(path, p.baseLine(), r.logicalId(), attribute, kind, p.text(),
                        p.statementLines()));
    }

}

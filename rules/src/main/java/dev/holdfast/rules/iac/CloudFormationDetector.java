package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.support.Thresholds;
import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.holdfast.rules.iac.IacCatalogue.MACHINE;
import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/**
 * CloudFormation templates (YAML with short-form tags, or JSON): the AWS rules of the Terraform detector, same rule
 * ids, with logical ids as subjects.
 */
public final class CloudFormationDetector implements Detector {
    private final long maxSessionSeconds;

    public CloudFormationDetector(Map<String, String> thresholds) {
        this.maxSessionSeconds = Thresholds.get(thresholds, TerraformDetector.MAX_SESSION_SECONDS, 3600);
    }

    @Override
    public String name() {
        return "cloudformation";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all().stream().filter(r -> r.id().startsWith("iac-aws-")).toList();
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!CloudFormationTemplate.candidate(document.path())) {
            return List.of(); // decide by path before decoding the content
        }
        CloudFormationTemplate t = CloudFormationTemplate.read(document.text(), document.path());
        if (t == null) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        for (CloudFormationTemplate.Resource r : t.resources) {
            int line = YamlNodes.line(r.keyNode());
            int col = YamlNodes.column(r.keyNode());
            String id = r.logicalId();
            Map<String, String> props = Map.of(FindingProperty.RESOURCE.key(), id, "format", "cloudformation", "type", r.type());
            for (Node arn : YamlNodes.items(YamlNodes.get(r.properties(), "ManagedPolicyArns"))) {
                IacCatalogue.ADMIN_POLICIES.match(YamlNodes.scalar(arn)).ifPresent(p -> {
                    String name = p.arn().substring(p.arn().lastIndexOf('/') + 1);
                    out.add(RULES.detection("iac-aws-admin-policy-attachment",
                            dev.holdfast.rules.model.Severity.fromId(p.severity()), name + " is attached to " + id,
                            YamlNodes.line(arn), YamlNodes.column(arn), id + "|" + name, name, props));
                });
            }
            switch (r.type()) {
                case "AWS::IAM::AccessKey" -> out.add(RULES.detection("iac-aws-access-key",
                        "CloudFormation creates a long-lived AWS access key (" + id + ")", line, col, id, id, props));
                case "AWS::IAM::User" -> machineWord(r, "UserName").ifPresent(w -> out.add(RULES.detection(
                        "iac-aws-machine-user", "IAM user " + id + " is a machine identity (matched '" + w
                                + "'); machines should assume roles", line, col, id, id, props)));
                case "AWS::IAM::Role" -> role(r, props, out);
                default -> {
                }
            }
        }
        return out;
    }

    private void role(CloudFormationTemplate.Resource r, Map<String, String> props, List<Detection> out) {
        String id = r.logicalId();
        Node trustNode = YamlNodes.get(r.properties(), "AssumeRolePolicyDocument");
        PolicyJson policy = trustNode == null ? null
                : PolicyJson.of(LinedJson.fromYaml(trustNode), YamlNodes.line(trustNode));
        boolean federated = false;
        if (policy != null) {
            RoleTrust judged = RoleTrust.judge(policy, id, props);
            out.addAll(judged.detections());
            federated = judged.federated();
        }
        Node session = YamlNodes.get(r.properties(), "MaxSessionDuration");
        String text = YamlNodes.scalar(session);
        if (text != null && text.matches("\\d+")) {
            long seconds = Long.parseLong(text);
            if (seconds > maxSessionSeconds && (machineWord(r, "RoleName").isPresent() || federated)) {
                out.add(RULES.detection("iac-aws-role-long-session", "Machine role " + id + " allows sessions of "
                                + seconds + " s (limit " + maxSessionSeconds + " s)", YamlNodes.line(session),
                        YamlNodes.column(session), id + "|max_session_duration", id, props));
            }
        }
    }

    private static Optional<String> machineWord(CloudFormationTemplate.Resource r, String nameProperty) {
        List<String> texts = new ArrayList<>();
        texts.add(r.logicalId());
        for (String p : List.of(nameProperty, "Path", "Description")) {
            texts.add(YamlNodes.scalar(YamlNodes.get(r.properties(), p)));
        }
        for (Node tag : YamlNodes.items(YamlNodes.get(r.properties(), "Tags"))) {
            texts.add(YamlNodes.scalar(YamlNodes.get(tag, "Key")));
            texts.add(YamlNodes.scalar(YamlNodes.get(tag, "Value")));
        }
        return texts.stream().map(MACHINE::match).flatMap(Optional::stream).findFirst();
    }
}

package dev.holdfast.rules.iac;

import java.util.List;

/**
 * An IAM policy document found inside infrastructure code, as JSON the IAM engine can parse.
 *
 * @param path            the document's path
 * @param line            1-based line of the file where {@code json} starts: line k of {@code json} is line
 *                        {@code line + k - 1} of the file (heredoc JSON is passed through as written; HCL and YAML are
 *                        rendered with each value on its source line), so an engine's statement and action lines can
 *                        be shifted into the file
 * @param resourceAddress e.g. "aws_iam_role_policy.deploy" (Terraform) or "DeployPolicy" (CloudFormation logical id)
 * @param attribute       e.g. "policy", "assume_role_policy", "PolicyDocument", "Policies[0].PolicyDocument"
 * @param kind            identity, trust, resource, or document (an unreferenced aws_iam_policy_document)
 * @param json            the policy as JSON, lined up with the file; references that cannot be resolved are kept as "${...}" strings and
 *                        CloudFormation intrinsics as {"Ref": ...} / {"Fn::Sub": ...}
 * @param statementLines  1-based line of each statement, in order (same size as the Statement list when known)
 */
public record EmbeddedPolicy(String path, int line, String resourceAddress, String attribute, String kind,
                             String json, List<Integer> statementLines) {
    public EmbeddedPolicy {
        statementLines = List.copyOf(statementLines);
    }
}

package dev.holdfast.rules.iam;

/**
 * A policy with the identity findings are keyed on: a file path, a resource address such as
 * {@code aws_iam_policy.deploy}, or a cloud policy ARN / "inline:user/name/policy".
 */
public record NamedPolicy(String identity, PolicyDocument document) {
}

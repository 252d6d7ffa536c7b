/** IAM policy analysis: parsing, the action catalogue, effective permissions, escalation paths and the policy detector. */
package dev.holdfast.rules.iam;

/** AWS IAM inventory through the AWS SDK v2 (IAM and STS Query APIs) into a normalised cloud snapshot. */
package dev.holdfast.scanner.cloud.aws;

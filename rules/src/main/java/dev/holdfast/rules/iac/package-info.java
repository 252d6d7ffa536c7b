/** Infrastructure as code (Terraform, CloudFormation, ARM, Bicep): static keys, machine users, open trust, non-expiring secrets, broad role assignments. */
package dev.holdfast.rules.iac;

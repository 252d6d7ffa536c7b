/** Detectors and their rule catalogues; {@link dev.holdfast.rules.StructuredDetectors} is the registry of the structured ones (AST, workflow, IaC, certificate, agent configuration, IAM policy). */
package dev.holdfast.rules;

/** Detectors and their rule catalogues; {@link dev.holdfast.rules.IacDetectors} wires the AST, workflow, IaC and certificate ones. */
package dev.holdfast.rules;

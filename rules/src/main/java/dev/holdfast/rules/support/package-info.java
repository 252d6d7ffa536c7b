/** Shared plumbing for data-driven detectors: rule metadata loaded from YAML, text positions, thresholds. */
package dev.holdfast.rules.support;

package dev.holdfast.rules.cloud;

import dev.holdfast.rules.detect.Detection;

/**
 * What a cloud rule saw: the detection (its subject names the principal), the resource it points at, and the
 * principal it is about. The scanner's {@code FindingFactory} makes the finding, as for every other detection; who
 * made the change comes from the provider's activity log, not from the principal that holds it.
 */
public record CloudDetection(Detection detection, String resource, CloudPrincipal principal) {
}

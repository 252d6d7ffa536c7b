package dev.holdfast.rules.cloud;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;

import java.time.Instant;

/**
 * What a cloud rule saw: the detection (its subject names the principal), the resource it points at, and the
 * principal it is about. The scanner's {@code FindingFactory} makes the finding, as for every other detection.
 */
public record CloudDetection(Detection detection, String resource, CloudPrincipal principal) {

    /**
     * Cloud findings name the principal they are about as "who": the API does not say which person created a key or
     * a grant, but the kind of identity holding it (agent, bot, workload, human) is what the reports group by.
     */
    public Attribution holder() {
        IdentityKind kind;
        try {
            kind = IdentityKind.fromId(principal.kind());
        } catch (IllegalArgumentException e) {
            kind = IdentityKind.UNKNOWN;
        }
        return new Attribution(null, principal.name(), null, kind,
                principal.created() == null ? null : Instant.parse(principal.created()), null);
    }
}

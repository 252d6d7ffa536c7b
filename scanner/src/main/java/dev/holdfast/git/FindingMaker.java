package dev.holdfast.git;

import dev.holdfast.detect.Detection;
import dev.holdfast.model.Finding;
import dev.holdfast.scan.FindingFactory;

/**
 * Turns a detection in a blob into a finding (fingerprint, redacted evidence, location): the one place where history
 * scanning builds findings. Normally the shared {@link FindingFactory}, as {@code factory::toFinding}.
 */
@FunctionalInterface
public interface FindingMaker {

    /**
     * @param path   the path that first held the content, '/' separated
     * @param commit the commit that introduced it
     */
    Finding make(Detection detection, String path, String commit);

    static FindingMaker of(FindingFactory factory) {
        return factory::toFinding;
    }
}

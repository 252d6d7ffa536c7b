package dev.holdfast.git;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Location;
import dev.holdfast.model.Status;

/**
 * Turns a detection in a blob into a finding (fingerprint, redacted evidence, location). The one place where history
 * scanning builds findings, so that the shared {@code dev.holdfast.scan.FindingFactory} can be plugged in as
 * {@code factory::create}.
 */
@FunctionalInterface
public interface FindingMaker {

    /**
     * @param path   the path that first held the content, '/' separated
     * @param commit the commit that introduced it
     */
    Finding make(Detection detection, String path, String commit);

    /** Fingerprints on rule + keyed subject + path (the lineage) and keeps only the redacted value. */
    static FindingMaker fingerprinted(Fingerprinter fingerprinter) {
        return (d, path, commit) -> new Finding(fingerprinter.fingerprint(d.ruleId(), d.subject(), path), d.ruleId(),
                d.category(), d.severity(), Status.NEW, d.message(),
                new Location(path, d.line(), d.column(), commit, null), d.redacted(), null, null, d.remediation(),
                d.properties());
    }
}

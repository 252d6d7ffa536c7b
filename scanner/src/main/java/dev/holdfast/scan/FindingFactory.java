package dev.holdfast.scan;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Location;
import dev.holdfast.model.Status;

/**
 * Turns a detector's {@link Detection} into a {@link Finding}: the only place where the raw subject is consumed (by
 * the keyed fingerprint) and dropped.
 */
public final class FindingFactory {
    /** Detections whose fingerprint follows the file (non-secret findings set this property to their lineage). */
    public static final String LINEAGE_PROPERTY = "lineage";

    private final Fingerprinter fingerprinter;

    public FindingFactory(Fingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    /**
     * @param path   relative, '/' separated
     * @param commit the commit the content was read from, or null for a working tree
     */
    public Finding toFinding(Detection d, String path, String commit) {
        String lineage = d.properties().getOrDefault(LINEAGE_PROPERTY, "");
        String fp = fingerprinter.fingerprint(d.ruleId(), d.subject(), lineage);
        Location loc = new Location(path, d.line(), d.column(), commit, null);
        return new Finding(fp, d.ruleId(), d.category(), d.severity(), Status.NEW, d.message(), loc, d.redacted(),
                null, null, d.remediation(), d.properties());
    }
}

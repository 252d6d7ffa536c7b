package dev.holdfast.scanner.scan;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Status;
import dev.holdfast.rules.cloud.CloudDetection;

/**
 * Turns a detector's {@link Detection} (or a cloud rule's {@link CloudDetection}) into a {@link Finding}: the one way a
 * finding is made, and the only place where the raw subject is consumed (by the keyed fingerprint) and dropped.
 */
public final class FindingFactory {
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
        return toFinding(d, new Location(path, d.line(), d.column(), commit, null));
    }

    /**
     * A cloud rule's detection, at its resource. Who made the change is not the principal it is about: the activity
     * log tells that ({@code cloud.ActivityJoin}); the holder's kind is in {@code properties.identityKind}.
     */
    public Finding toFinding(CloudDetection c) {
        return toFinding(c.detection(), new Location(null, 0, 0, null, c.resource()));
    }

    private Finding toFinding(Detection d, Location at) {
        String lineage = java.util.Objects.requireNonNullElse(FindingProperty.LINEAGE.get(d.properties()), "");
        String fp = fingerprinter.fingerprint(d.ruleId(), d.subject(), lineage);
        return new Finding(fp, d.ruleId(), d.category(), d.severity(), Status.NEW, d.message(), at, d.redacted(),
                null, null, d.remediation(), d.properties());
    }
}

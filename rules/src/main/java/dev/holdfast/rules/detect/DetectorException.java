package dev.holdfast.rules.detect;

import java.util.List;

/**
 * A document a detector could not (fully) read; the scan turns it into a per-file warning and goes on. It may carry
 * what was found before the failure, so a failure in one part never hides findings from another.
 */
public class DetectorException extends RuntimeException {
    private final transient List<Detection> found;

    public DetectorException(String message) {
        this(message, null, List.of());
    }

    public DetectorException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    public DetectorException(String message, Throwable cause, List<Detection> found) {
        super(message, cause);
        this.found = List.copyOf(found);
    }

    /** Detections made before the failure. */
    public List<Detection> found() {
        return found;
    }
}

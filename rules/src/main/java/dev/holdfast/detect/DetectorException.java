package dev.holdfast.detect;

/** A document a detector could not read; the scan turns it into a per-file warning and goes on. */
public class DetectorException extends RuntimeException {
    public DetectorException(String message) {
        super(message);
    }

    public DetectorException(String message, Throwable cause) {
        super(message, cause);
    }
}

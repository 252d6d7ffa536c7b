package dev.holdfast.remediator;

/** A remediation step that failed; the message is one line, names what and where, and holds no secret. */
public class RemediationException extends RuntimeException {
    public RemediationException(String message) {
        super(message);
    }

    public RemediationException(String message, Throwable cause) {
        super(message, cause);
    }
}

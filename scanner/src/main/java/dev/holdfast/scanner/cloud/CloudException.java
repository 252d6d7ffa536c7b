package dev.holdfast.scanner.cloud;

/** A cloud scan that cannot go on (bad credentials, unreachable endpoint, unreadable snapshot); message is one line. */
public class CloudException extends RuntimeException {
    public CloudException(String message) {
        super(message);
    }

    public CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}

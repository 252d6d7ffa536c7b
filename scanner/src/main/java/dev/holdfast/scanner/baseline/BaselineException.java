package dev.holdfast.scanner.baseline;

/** A baseline that cannot be read or written; the message is one line naming the file and the problem. */
public class BaselineException extends RuntimeException {
    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.holdfast.scanner.event;

/** An event payload that cannot be used: unreadable, not JSON, missing a field, or an event holdfast does not scan. */
public final class EventException extends RuntimeException {
    public EventException(String message) {
        super(message);
    }

    public EventException(String message, Throwable cause) {
        super(message, cause);
    }
}

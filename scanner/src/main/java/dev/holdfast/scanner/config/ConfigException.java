package dev.holdfast.scanner.config;

/** A malformed or invalid configuration; the message is one line naming the file and the problem. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.holdfast.rules.catalogue;

/** A rule file that cannot be used; the message is one line naming the file, the rule and the problem. */
public class RuleFileException extends RuntimeException {
    public RuleFileException(String message) {
        super(message);
    }

    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

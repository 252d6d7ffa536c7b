package dev.holdfast.rules.iam;

/** Valid JSON that holds no policy document (no Statement element): callers that sniff files skip it quietly. */
public class NotAPolicyException extends PolicyParseException {
    public NotAPolicyException(String message, int line) {
        super(message, line);
    }
}

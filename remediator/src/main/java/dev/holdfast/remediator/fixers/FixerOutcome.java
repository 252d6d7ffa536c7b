package dev.holdfast.remediator.fixers;

import java.nio.charset.StandardCharsets;

/**
 * A fixer's answer: new content with a one-line description, or a refusal saying why nothing is safe.
 */
public record FixerOutcome(byte[] content, String description, String refusal) {

    public static FixerOutcome changed(String content, String description) {
        return new FixerOutcome(content.getBytes(StandardCharsets.UTF_8), description, null);
    }

    public static FixerOutcome refused(String why) {
        return new FixerOutcome(null, null, why);
    }

    public boolean applied() {
        return content != null;
    }

    @Override
    public String toString() {
        return applied() ? "FixerOutcome[" + description + "]" : "FixerOutcome[refused: " + refusal + "]";
    }
}

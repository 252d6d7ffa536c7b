package dev.holdfast.remediator.fixers;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixer's answer: new content with a one-line description, or a refusal saying why nothing is safe.
 *
 * @param notes what a reviewer must know, one line each: where a reference name came from, or that it is new
 */
public record FixerOutcome(byte[] content, String description, String refusal, List<String> notes) {

    public FixerOutcome {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static FixerOutcome changed(String content, String description) {
        return changed(content, description, List.of());
    }

    public static FixerOutcome changed(String content, String description, List<String> notes) {
        return new FixerOutcome(content.getBytes(StandardCharsets.UTF_8), description, null, notes);
    }

    public static FixerOutcome refused(String why) {
        return new FixerOutcome(null, null, why, List.of());
    }

    public boolean applied() {
        return content != null;
    }

    @Override
    public String toString() {
        return applied() ? "FixerOutcome[" + description + "]" : "FixerOutcome[refused: " + refusal + "]";
    }
}

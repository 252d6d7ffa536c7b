package dev.holdfast.rules.detect;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.util.Map;

/**
 * What a detector saw, before fingerprinting. {@code subject} may be a raw secret: it lives only in memory until the
 * scanner turns the detection into a {@link dev.holdfast.rules.model.Finding}, and must never be printed.
 *
 * @param subject    what the finding is about, normalised (the secret value, a policy grant, a principal)
 * @param redacted   the value as it may be shown (see {@link Redactor})
 * @param line       1-based line in the document
 * @param column     1-based column
 * @param properties extra facts for reports (never raw secrets)
 */
public record Detection(String ruleId, Category category, Severity severity, String message, int line, int column,
                        String subject, String redacted, String remediation, Map<String, String> properties) {

    public Detection {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    @Override
    public String toString() {
        // Never render the subject: it may be a secret.
        return "Detection[" + ruleId + " at " + line + ":" + column + " " + redacted + "]";
    }
}

package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check every change must pass: re-scanned, the patched file no longer holds any target and holds nothing that
 * HEAD did not already have. Compares (rule, subject) pairs in memory only; reasons name rules and lines, never values.
 */
public final class Verification {
    private Verification() {
    }

    /** Null when the change is good, else one line saying why it is not. */
    public static String check(Verifier verifier, String path, List<Detection> headDetections, List<Detection> targets,
                               byte[] patched) {
        return check(verifier, path, headDetections, targets, patched, List.of());
    }

    /**
     * @param reviewed detections in the file as the ledger's fix left it: a non-secret finding that the reviewed fix
     *                 itself had (a narrowed IAM grant, say) is not new. A secret is never excused this way.
     */
    public static String check(Verifier verifier, String path, List<Detection> headDetections, List<Detection> targets,
                               byte[] patched, List<Detection> reviewed) {
        List<Detection> after;
        try {
            after = verifier.scan(new Document(path, patched));
        } catch (RuntimeException e) {
            return "the re-scan of the patched file failed (" + e.getClass().getSimpleName() + ")";
        }
        Set<String> targetKeys = new HashSet<>();
        targets.forEach(t -> targetKeys.add(key(t)));
        Set<String> headKeys = new HashSet<>();
        headDetections.forEach(d -> headKeys.add(key(d)));
        reviewed.stream().filter(d -> d.category() != dev.holdfast.rules.model.Category.SECRET)
                .forEach(d -> headKeys.add(key(d)));
        for (Detection d : after) {
            if (targetKeys.contains(key(d))) {
                return "the change still leaves " + d.ruleId() + " at line " + d.line();
            }
            if (!headKeys.contains(key(d))) {
                return "the change would add a new " + d.ruleId() + " finding at line " + d.line();
            }
        }
        return null;
    }

    private static String key(Detection d) {
        return d.ruleId() + "\u0000" + d.subject();
    }
}

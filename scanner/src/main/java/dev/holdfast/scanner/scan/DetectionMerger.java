package dev.holdfast.scanner.scan;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.AstPreference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses detections of one document that report the same value on the same line. Where the AST knows better than
 * a regex (a detection with property {@code ast=true}), the AST's detection wins; otherwise the more severe and then
 * the more specific (non-generic) rule wins.
 */
public final class DetectionMerger {
    private static final Comparator<Detection> PREFERENCE = Comparator
            .comparing((Detection d) -> !Boolean.TRUE.equals(FindingProperty.AST.get(d.properties())))
            .thenComparing(Detection::severity)
            .thenComparing(d -> d.ruleId().startsWith("generic"))
            .thenComparing(Detection::ruleId);

    private DetectionMerger() {
    }

    public static List<Detection> merge(List<Detection> all) {
        if (all.size() < 2) {
            return all;
        }
        List<Detection> detections = AstPreference.apply(all);
        Map<String, Detection> best = new LinkedHashMap<>();
        for (Detection d : detections) {
            String key = d.line() + "\u0000" + (isValueLike(d) ? d.subject() : d.ruleId() + "\u0000" + d.subject());
            best.merge(key, d, (a, b) -> PREFERENCE.compare(a, b) <= 0 ? a : b);
        }
        return new ArrayList<>(best.values());
    }

    /** Secrets are compared by value across rules; other findings only with themselves. */
    private static boolean isValueLike(Detection d) {
        return d.category() == dev.holdfast.rules.model.Category.SECRET;
    }
}

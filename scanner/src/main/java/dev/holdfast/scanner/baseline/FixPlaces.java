package dev.holdfast.scanner.baseline;

import dev.holdfast.scanner.baseline.place.ChangedSpan;
import dev.holdfast.scanner.baseline.place.PlaceIndex;
import dev.holdfast.rules.detect.Detection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads, from one file before and after a fix, where the fix put a reference instead of a finding: each line that
 * held the finding has a place; the fix's version has exactly one line at that place, with no detected value on it.
 * What is kept is the place and the reference — never the line, which may still hold other values.
 */
final class FixPlaces {
    private FixPlaces() {
    }

    /**
     * @param findingLines lines of {@code before} that held the removed finding
     * @param afterFound   what the detectors see in {@code after}
     */
    static List<FixedPlace> of(String path, String before, String after, Collection<Integer> findingLines,
                               List<Detection> afterFound) {
        if (before == null || after == null || findingLines.isEmpty()) {
            return List.of();
        }
        PlaceIndex was = PlaceIndex.of(path, before);
        PlaceIndex now = PlaceIndex.of(path, after);
        String[] beforeLines = before.split("\r?\n", -1);
        String[] afterLines = after.split("\r?\n", -1);
        // A value still on the fixed line (not a posture finding about the line, such as static keys in a workflow).
        Set<Integer> detectedAfter = new HashSet<>();
        for (Detection d : afterFound) {
            if (d.line() >= 1 && d.line() <= afterLines.length && d.subject() != null && !d.subject().isEmpty()
                    && afterLines[d.line() - 1].contains(d.subject())) {
                detectedAfter.add(d.line());
            }
        }
        List<FixedPlace> out = new ArrayList<>();
        for (int line : findingLines) {
            String place = was.at(line).orElse(null);
            if (place == null) {
                continue;
            }
            List<Integer> at = now.lines(place);
            if (at.size() != 1 || detectedAfter.contains(at.get(0)) || line > beforeLines.length
                    || at.get(0) > afterLines.length) {
                continue;
            }
            String old = beforeLines[line - 1];
            String fixed = afterLines[at.get(0) - 1];
            if (old.strip().equals(fixed.strip())) {
                continue;
            }
            String reference = reference(old, fixed);
            if (reference != null && !PatchRedactor.maskValues(reference).equals(reference)) {
                reference = null;
            }
            out.add(new FixedPlace(storedForm(place), reference));
        }
        return out;
    }

    /** A place as the ledger stores and compares it: anything in it that looks like a value is redacted. */
    static String storedForm(String place) {
        return PatchRedactor.maskValues(place);
    }

    /** What the fix wrote in place of the value: the part of the fixed line that differs, widened to whole tokens. */
    static String reference(String before, String after) {
        String a = after.strip();
        ChangedSpan span = ChangedSpan.of(before.strip(), a);
        int p = span.prefix();
        int s = span.suffix();
        while (p > 0 && partOfReference(a.charAt(p - 1))) {
            p--;
        }
        while (s > 0 && partOfReference(a.charAt(a.length() - s))) {
            s--;
        }
        String ref = a.substring(p, a.length() - s).strip();
        return ref.isEmpty() ? null : ref;
    }

    private static boolean partOfReference(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '{' || c == '}' || c == '.';
    }
}

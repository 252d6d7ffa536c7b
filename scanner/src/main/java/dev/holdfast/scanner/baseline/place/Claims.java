package dev.holdfast.scanner.baseline.place;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The places the parsers claim for lines. A line belongs to the claim that covers the fewest lines (a call argument on
 * its own line inside a multi-line declaration), then to the outermost one (a declaration and the call in its
 * initialiser on one line); two different claims equally narrow and equally deep make the line ambiguous.
 */
final class Claims {
    private record Claim(String place, int span, int depth) {
    }

    private static final Claim AMBIGUOUS = new Claim(null, 0, 0);
    private final Map<Integer, Claim> byLine = new HashMap<>();

    /** Claims lines {@code first..last} (1-based, inclusive) for {@code place}. */
    void claim(int first, int last, String place, int depth) {
        if (place == null || place.isEmpty() || first < 1) {
            return;
        }
        int end = Math.max(first, last);
        Claim c = new Claim(place, end - first + 1, depth);
        for (int line = first; line <= end; line++) {
            Claim old = byLine.get(line);
            if (old == null || c.span < old.span || c.span == old.span && old != AMBIGUOUS && c.depth < old.depth) {
                byLine.put(line, c);
            } else if (old != AMBIGUOUS && c.span == old.span && c.depth == old.depth && !c.place.equals(old.place)) {
                byLine.put(line, new Claim(null, old.span, old.depth));
            }
        }
    }

    PlaceIndex index() {
        TreeMap<Integer, String> out = new TreeMap<>();
        byLine.forEach((line, c) -> {
            if (c.place != null) {
                out.put(line, c.place);
            }
        });
        return new PlaceIndex(out);
    }
}

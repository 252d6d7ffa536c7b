package dev.holdfast.remediator.fixers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Region-bounded edits on text addressed by 1-based line and column, applied end-first so earlier offsets stay valid.
 * Only the replaced regions change: the rest of the file keeps its bytes, line endings and formatting.
 */
final class TextRegions {
    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();
    private final List<Replacement> replacements = new ArrayList<>();

    private record Replacement(int start, int end, String with) {
    }

    TextRegions(String text) {
        this.text = text;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    int lineCount() {
        return lineStarts.size();
    }

    /** The offset of a 1-based line and column. */
    int offset(int line, int column) {
        if (line < 1 || line > lineStarts.size()) {
            throw new IllegalArgumentException("line " + line + " is outside the file");
        }
        return lineStarts.get(line - 1) + column - 1;
    }

    /** The text of a 1-based line without its line terminator. */
    String line(int line) {
        int start = lineStarts.get(line - 1);
        int end = line < lineStarts.size() ? lineStarts.get(line) - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** Replaces [start, end) offsets. Overlapping replacements are refused. */
    void replace(int start, int end, String with) {
        for (Replacement r : replacements) {
            if (start < r.end && r.start < end) {
                throw new IllegalArgumentException("overlapping edits");
            }
        }
        replacements.add(new Replacement(start, end, with));
    }

    boolean isEmpty() {
        return replacements.isEmpty();
    }

    String apply() {
        StringBuilder sb = new StringBuilder(text);
        replacements.stream().sorted(Comparator.comparingInt(Replacement::start).reversed())
                .forEach(r -> sb.replace(r.start, r.end, r.with));
        return sb.toString();
    }
}

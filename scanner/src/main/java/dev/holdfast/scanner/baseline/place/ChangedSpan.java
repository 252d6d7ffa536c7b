package dev.holdfast.scanner.baseline.place;

/**
 * Where two versions of a line differ: the length of their common prefix and of their common suffix (never
 * overlapping), so that {@code before[prefix, length - suffix)} became {@code after[prefix, length - suffix)}.
 */
public record ChangedSpan(int prefix, int suffix) {

    public static ChangedSpan of(String before, String after) {
        int p = 0;
        while (p < before.length() && p < after.length() && before.charAt(p) == after.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < before.length() - p && s < after.length() - p
                && before.charAt(before.length() - 1 - s) == after.charAt(after.length() - 1 - s)) {
            s++;
        }
        return new ChangedSpan(p, s);
    }

    /** The changed part of {@code line} (either version). */
    public String in(String line) {
        return line.substring(prefix, line.length() - suffix);
    }
}

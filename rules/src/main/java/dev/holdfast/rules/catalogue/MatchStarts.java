package dev.holdfast.rules.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Where a rule's match can start on a line, when the rule says so: trying the pattern only there
 * ({@link Matcher#lookingAt()}) finds what a search of the whole line would, at a cost set by the keyword occurrences
 * instead of the line's length (minified files, source maps).
 * <ul>
 *   <li>An assignment rule's pattern ({@link AssignmentPattern}) begins with a name of name characters, not preceded by
 *       one, that holds the rule's name part within its first 40 characters, and the rule's keywords are part of that
 *       name: a match starts where the run of name characters around a keyword occurrence starts.</li>
 *   <li>A rule with {@code startsWithin: N} starts its matches at most N characters before a keyword occurrence.</li>
 *   <li>A keyword rule with {@code nameWithin: N} reports a match only when its key holds one of the rule's
 *       {@code keyWords} (see {@link NoiseFilter}), its key holds no blank, and its key lies within N characters of
 *       the match's start with no blank before it: a match worth reporting starts at most N characters before a key
 *       word's occurrence, with no blank between. A match that starts elsewhere is not looked for: a search of the
 *       whole line would find it and the noise filter drop it. Its matches start at a {@code <} or at a name's first
 *       character ({@link #nameStarts}), so a line with few such places cannot reach the search's match limit.</li>
 * </ul>
 */
final class MatchStarts {
    private MatchStarts() {
    }

    /** The distinct run starts of the keywords' occurrences on the line, ascending (assignment rules). */
    static int[] ofNames(String line, List<String> keywords) {
        return collect(line, keywords, -1, false);
    }

    /** The positions from {@code within} characters before each keyword occurrence to the occurrence, ascending. */
    static int[] within(String line, List<String> keywords, int within) {
        return collect(line, keywords, within, false);
    }

    /**
     * The positions from {@code within} characters before each key word occurrence to the occurrence with no blank
     * between them where a match can start ({@link #nameStart}), ascending ({@code nameWithin} rules: a key holds no
     * blank).
     */
    static int[] nameWithin(String line, List<String> keyWords, int within) {
        return collect(line, keyWords, within, true);
    }

    private static int[] collect(String line, List<String> keywords, int within, boolean unbroken) {
        String lower = asciiLower(line);
        int[] starts = new int[8];
        int n = 0;
        for (String k : keywords) {
            for (int at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) {
                int first = at;
                if (within < 0) {
                    while (first > 0 && nameChar(line.charAt(first - 1))) {
                        first--;
                    }
                } else if (unbroken) {
                    while (first > 0 && at - first < within && !blank(line.charAt(first - 1))) {
                        first--;
                    }
                } else {
                    first = Math.max(0, at - within);
                }
                int last = within < 0 ? first : at;
                for (int s = first; s <= last; s++) {
                    if (unbroken && !nameStart(line, s)) {
                        continue; // a nameWithin rule's match starts nowhere else
                    }
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = s;
                }
            }
        }
        int[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[d++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, d);
    }

    /** Tries the pattern at each start from {@code from} on; true with the matcher on the first match. */
    static boolean next(Matcher m, int[] starts, int from) {
        int i = Arrays.binarySearch(starts, from);
        for (i = i >= 0 ? i : -i - 1; i < starts.length; i++) {
            m.region(starts[i], m.regionEnd());
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many places on the line a {@code nameWithin} rule's match can start at: each {@code <}, and each name's
     * first character (a letter, '_', '$' or '@' not preceded by a letter, digit, '_', '$', '@' or '-').
     */
    static int nameStarts(String line) {
        // one pass carrying whether the last character continues a name (nameStart, asked per position, looks back
        // instead; this runs over every line a nameWithin rule looks at)
        int n = 0;
        boolean inName = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean first = nameFirst(c);
            if (c == '<' || first && !inName) {
                n++;
            }
            inName = inName(c);
        }
        return n;
    }

    /** Whether a {@code nameWithin} rule's match can start at {@code i}: a {@code <}, or a name's first character. */
    static boolean nameStart(String line, int i) {
        char c = line.charAt(i);
        return c == '<' || nameFirst(c) && (i == 0 || !inName(line.charAt(i - 1)));
    }

    private static boolean nameFirst(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '@';
    }

    /** A character after which a letter continues a name rather than starting one. */
    private static boolean inName(char c) {
        return nameFirst(c) || c >= '0' && c <= '9' || c == '-';
    }

    /** What a regex's {@code \s} matches. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean nameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '$' || c == '-';
    }

    /** Lower-cases ASCII letters only, so indexes stay those of the line (full Unicode lower-casing may not). */
    private static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 'a' - 'A';
            }
        }
        return new String(c);
    }
}

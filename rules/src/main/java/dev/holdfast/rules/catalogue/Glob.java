package dev.holdfast.rules.catalogue;

import java.util.regex.Pattern;

/**
 * The one place globs are matched, in their two dialects. Path globs ({@link #compile}: '**' any folders, '*' within a
 * name, '{a,b}' alternatives) select files for rules and agent settings. IAM wildcards ({@link #matches}: '*' any run,
 * '?' one character) match actions, resources and grants; that matcher is iterative with backtracking to the last star
 * only, so it runs in O(pattern × text) whatever the input: policy text is untrusted and a regex could be made to hang.
 */
public final class Glob {
    private Glob() {
    }

    /** A path glob as a case-insensitive pattern over '/' paths. */
    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder("(?i)");
        // A glob without a folder part matches the file name anywhere in the tree.
        String g = glob.contains("/") ? glob : "**/" + glob;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '{') {
                re.append("(?:");
            } else if (c == '}') {
                re.append(")");
            } else if (c == ',') {
                re.append("|");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        int pn = pattern.length();
        int tn = text.length();
        while (t < tn) {
            if (p < pn && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < pn && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /**
     * Whether every string {@code narrow} can match is also matched by {@code wide}: true when {@code wide} matches
     * {@code narrow} read literally (a '*' in narrow is then matched by a '*' run in wide). Conservative: it may say
     * false for some real inclusions, never true for a non-inclusion that matters to Deny subtraction.
     */
    public static boolean covers(String wide, String narrow, boolean ignoreCase) {
        if (wide.equals("*")) {
            return true;
        }
        if (!hasWildcard(narrow)) {
            return matches(wide, narrow, ignoreCase);
        }
        // narrow has wildcards: wide must cover them with its own stars at the same places.
        return matches(wide, narrow, ignoreCase) && wide.indexOf('*') >= 0;
    }

    /** Whether two patterns could match a common string (a cheap over-approximation). */
    public static boolean overlaps(String a, String b, boolean ignoreCase) {
        return a.equals("*") || b.equals("*") || matches(a, b, ignoreCase) || matches(b, a, ignoreCase)
                || prefixCompatible(a, b, ignoreCase);
    }

    private static boolean prefixCompatible(String a, String b, boolean ignoreCase) {
        // Compare the literal prefixes before the first wildcard: if one is a prefix of the other, a common string
        // may exist (e.g. "arn:aws:iam::*:role/*" and "arn:aws:iam::123:role/app-*").
        String pa = literalPrefix(a);
        String pb = literalPrefix(b);
        if (!hasWildcard(a) || !hasWildcard(b)) {
            return false;
        }
        String sa = ignoreCase ? pa.toLowerCase() : pa;
        String sb = ignoreCase ? pb.toLowerCase() : pb;
        return sa.startsWith(sb) || sb.startsWith(sa);
    }

    private static String literalPrefix(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) != '*' && s.charAt(i) != '?') {
            i++;
        }
        return s.substring(0, i);
    }
}

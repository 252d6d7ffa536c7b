package dev.holdfast.rules.catalog;

import java.util.regex.Pattern;

/** Path globs for rules ('**' any folders, '*' within a name, '{a,b}' alternatives), matched on '/' paths. */
public final class Glob {
    private Glob() {
    }

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
}

package dev.holdfast.remediator.fixers;

import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dotted path of a YAML key, found by indentation: {@code spring.datasource.password}. */
public final class YamlKeys {
    private static final Pattern YAML_KEY = Pattern.compile(
            "^(\\s*)(?:-\\s+)?([\"']?)([^\"':#\\s][^\"':#]*?)\\2\\s*:(?:\\s|$)");

    private YamlKeys() {
    }

    /**
     * @param lineAt 1-based line → its text
     * @param line   the line holding the key
     * @return the key prefixed with its parents, or null when the line is not a key
     */
    public static String path(IntFunction<String> lineAt, int line) {
        Matcher own = YAML_KEY.matcher(lineAt.apply(line));
        if (!own.find()) {
            return null;
        }
        StringBuilder path = new StringBuilder(own.group(3));
        int current = own.group(1).length();
        for (int i = line - 1; i >= 1 && current > 0; i--) {
            String l = lineAt.apply(i);
            if (l.isBlank() || l.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = YAML_KEY.matcher(l);
            int ind = l.length() - l.stripLeading().length();
            if (ind < current && m.find()) {
                path.insert(0, m.group(3) + ".");
                current = ind;
            }
        }
        return path.toString();
    }
}

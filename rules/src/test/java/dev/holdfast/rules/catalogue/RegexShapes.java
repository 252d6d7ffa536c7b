package dev.holdfast.rules.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules whose regexes differ in structure, for the regex-safety hang guards. Every rule written as a pattern is
 * its own structure. Rules written as nameContains + value all get the same generated pattern around their two
 * parts; when the name part is plain words (a linear alternation), only the value's regex changes what the engine can
 * backtrack over, so one rule per distinct value shape stands for the rest (the shape is the value regex with each
 * character class written as one symbol and each bounded count as one: {@code [a-f0-9]{32}} and {@code [A-Za-z0-9]{40}}
 * repeat the same way). A name
 * part that is itself a regex keeps its rule.
 */
public final class RegexShapes {
    private static final java.util.regex.Pattern PLAIN_WORDS = java.util.regex.Pattern.compile(
            "[a-z0-9_.-]+(?:\\|[a-z0-9_.-]+)*");

    private RegexShapes() {
    }

    private static final java.util.regex.Pattern CHAR_CLASS = java.util.regex.Pattern.compile("\\[(?:\\\\.|[^\\]\\\\])+]");

    static String shape(String value) {
        return CHAR_CLASS.matcher(value).replaceAll("C").replaceAll("\\{\\d+(?:,\\d*)?}", "{n}");
    }

    public static List<SecretRule> distinct(List<SecretRule> rules) {
        Map<String, SecretRule> byShape = new LinkedHashMap<>();
        List<SecretRule> out = new ArrayList<>();
        for (SecretRule r : rules) {
            SecretRule.Assignment a = r.assignment();
            if (a == null || !PLAIN_WORDS.matcher(a.nameContains()).matches()) {
                out.add(r);
            } else if (byShape.putIfAbsent(shape(a.value()), r) == null) {
                out.add(r);
            }
        }
        return out;
    }
}

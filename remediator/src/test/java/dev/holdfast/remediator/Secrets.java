package dev.holdfast.remediator;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixture secrets made at test time from a fixed seed, so none is committed whole. Files hold placeholders such as
 * {@code {{AWS_KEY_1}}}, {@code {{AWS_SECRET_1}}}, {@code {{GITHUB_TOKEN_1}}}.
 */
final class Secrets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)_(\\d+)}}");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, String> values = new TreeMap<>();

    String get(String name) {
        return values.computeIfAbsent(name, Secrets::make);
    }

    String expand(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(get(m.group(1) + "_" + m.group(2))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every value handed out so far, to assert that none leaks. */
    Iterable<String> all() {
        return values.values();
    }

    private static String make(String name) {
        Random r = new Random(name.hashCode());
        if (name.startsWith("AWS_KEY")) {
            return "AK" + "IA" + pick(r, UPPER, 16);
        }
        if (name.startsWith("AWS_SECRET")) {
            return pick(r, B64, 40);
        }
        if (name.startsWith("GITHUB_TOKEN")) {
            return "gh" + "p_" + pick(r, ALNUM, 36);
        }
        return pick(r, ALNUM, 24);
    }

    private static String pick(Random r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

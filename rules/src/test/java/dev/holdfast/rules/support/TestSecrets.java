package dev.holdfast.rules.support;

import dev.holdfast.rules.tokens.TokenChecks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {{PLACEHOLDER}} markers in test data into secret-shaped values generated from a fixed seed, so that no
 * whole secret is ever committed and the repository scans clean under its own scanner.
 */
public final class TestSecrets {
    private static final Pattern MARK = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, String> values = new LinkedHashMap<>();

    /** The text with every placeholder replaced; the same name always yields the same value. */
    public String expand(String text) {
        Matcher m = MARK.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every value generated so far (to assert none of them leaks into messages). */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public String value(String name) {
        return values.computeIfAbsent(name, n -> {
            Random r = new Random(n.hashCode());
            if (n.startsWith("AWS_KEY_ID")) {
                return TokenChecks.awsAccessKeyId("AKIA", pick(r, UPPER, 16));
            }
            if (n.startsWith("AWS_SECRET")) {
                return pick(r, B64, 40);
            }
            if (n.startsWith("GH_TOKEN")) {
                return TokenChecks.githubToken("ghp" + "_", pick(r, ALNUM, 30));
            }
            return pick(r, ALNUM, 8) + "-" + pick(r, ALNUM, 14);
        });
    }

    private static String pick(Random r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

package dev.holdfast.cli.fidelity;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values behind a case's {@code {{PLACEHOLDERS}}}, made at run time from a seed so that no whole secret is kept
 * in the case files (the repository stays clean under its own scanner).
 */
final class FidelitySecrets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+_\\d+)}}");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final long seed;
    private final Map<String, String> kinds;
    private final Map<String, String> values = new TreeMap<>();

    FidelitySecrets(long seed, Map<String, String> kinds) {
        this.seed = seed;
        this.kinds = kinds;
    }

    String value(String placeholder) {
        return values.computeIfAbsent(placeholder, p -> make(kinds.getOrDefault(p, "alnum"),
                new Random(seed * 31 + p.hashCode())));
    }

    byte[] expand(byte[] content) {
        if (content == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(new String(content, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every value handed out, to check none is left in a fixed file. */
    Iterable<String> all() {
        return values.values();
    }

    private static String make(String kind, Random r) {
        return switch (kind) {
            case "stripe" -> "sk" + "_live_" + pick(r, ALNUM, 24);
            case "stripe-webhook" -> "wh" + "sec_" + pick(r, ALNUM, 32);
            case "aws-key" -> "AK" + "IA" + pick(r, BASE32, 16);
            case "aws-secret" -> pick(r, ALNUM + "+/", 40);
            case "github" -> "gh" + "p_" + pick(r, ALNUM, 36);
            default -> pick(r, ALNUM, 32);
        };
    }

    private static String pick(Random r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

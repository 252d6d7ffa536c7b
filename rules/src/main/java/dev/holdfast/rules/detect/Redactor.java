package dev.holdfast.rules.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a secret into the only form of it that may leave the scan. */
public final class Redactor {
    /**
     * Fixed type markers that say what a token is without revealing any of its random part ("AKIA", "ghp_",
     * "sk-ant-api03-", "xoxb-"). They are shown whole.
     */
    private static final Pattern TYPE_PREFIX = Pattern.compile(
            "^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AIza|github_pat_|glpat-|xox[abposr]-|"
                    + "[a-z]{2,8}[_-](?:[a-z]{2,8}\\d{0,2}[_-])?)");

    private Redactor() {
    }

    /**
     * Keeps the value's type prefix and at most a quarter of the rest (never more than 4 characters, at the end);
     * values whose random part is shorter than 12 characters are shown as stars only.
     */
    public static String redact(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        Matcher m = TYPE_PREFIX.matcher(secret);
        String prefix = m.find() && secret.length() - m.end() >= 12 ? m.group() : "";
        String rest = secret.substring(prefix.length());
        int n = rest.codePointCount(0, rest.length());
        if (n < 12) {
            return "*".repeat(Math.min(n, 8));
        }
        int keep = Math.min(4, n / 4);
        int end = rest.offsetByCodePoints(0, n - keep);
        if (prefix.isEmpty()) {
            int head = Math.min(2, keep / 2);
            int start = rest.offsetByCodePoints(0, head);
            int tail = rest.offsetByCodePoints(0, n - (keep - head));
            return rest.substring(0, start) + "…" + rest.substring(tail);
        }
        return prefix + "…" + rest.substring(end);
    }
}

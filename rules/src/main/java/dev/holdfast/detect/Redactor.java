package dev.holdfast.detect;

/** Turns a secret into the only form of it that may leave the scan. */
public final class Redactor {
    private Redactor() {
    }

    /**
     * Keeps a short prefix (which names the kind of key, e.g. "AKIA") and suffix, never more than a quarter of the
     * value in total, and never anything of values shorter than 12 characters.
     */
    public static String redact(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int n = secret.codePointCount(0, secret.length());
        if (n < 12) {
            return "*".repeat(Math.min(n, 8));
        }
        int keep = Math.min(4, n / 8);
        int start = secret.offsetByCodePoints(0, keep);
        int end = secret.offsetByCodePoints(0, n - keep);
        return secret.substring(0, start) + "…" + secret.substring(end);
    }
}

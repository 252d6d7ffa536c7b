package dev.holdfast.scanner.scan;

/** Makes untrusted text (file names, author names, parser messages) safe to show on one terminal line. */
public final class Sanitize {
    private Sanitize() {
    }

    /** Replaces control characters (terminal escapes, newlines) with '?' and trims to 300 characters. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && b.length() < 300; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u202e' ? '?' : c);
        }
        return b.toString().strip();
    }
}

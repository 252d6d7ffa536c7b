package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Redactor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a fix's diff safe to store. A fix removes a secret, so its hunk holds that secret on a '-' line, often next
 * to others no rule knows (the secret key beside the key id). Values the detector found are replaced by their
 * redacted form; then every value-looking token in the hunk bodies (8+ characters of a key alphabet, with letters and
 * digits, or 24+, see {@link #looksLikeValue}) is redacted too, whatever rule would have matched it. Identifiers
 * such as {@code AWS_SECRET_ACCESS_KEY} or {@code secretAccessKey} and words like {@code eu-west-1} stay readable.
 */
public final class PatchRedactor {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_\\-.]{8,}");

    private PatchRedactor() {
    }

    public static String redact(String patch, Collection<Detection> known) {
        String out = replaceKnown(patch, known);
        String[] lines = out.split("\n", -1);
        boolean inHunk = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("@@")) {
                inHunk = true;
                continue;
            }
            if (l.startsWith("diff --git")) {
                inHunk = false;
            }
            if (inHunk && !l.isEmpty() && (l.charAt(0) == '+' || l.charAt(0) == '-' || l.charAt(0) == ' ')) {
                lines[i] = l.charAt(0) + maskValues(l.substring(1));
            }
        }
        return String.join("\n", lines);
    }

    /** The text with every value the detections found replaced by its redacted form, longest value first. */
    public static String replaceKnown(String text, Collection<Detection> known) {
        List<Detection> ds = new ArrayList<>(known);
        ds.sort(Comparator.comparingInt((Detection d) -> d.subject() == null ? 0 : d.subject().length()).reversed());
        String out = text;
        for (Detection d : ds) {
            if (d.subject() != null && !d.subject().isEmpty()) {
                out = out.replace(d.subject(), d.redacted());
            }
        }
        return out;
    }

    /** Every value-looking token of {@code text} redacted (see {@link #looksLikeValue}); words stay readable. */
    public static String maskValues(String text) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String t = m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(looksLikeValue(t) ? Redactor.redact(t) : t));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A value, not a word: some part between separators mixes letters and digits (keys, tokens, passwords such as
     * {@code Summer2024}) or runs 24+ characters. Words joined by separators ({@code eu-west-1},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code 2026-03-05}) are kept.
     */
    private static boolean looksLikeValue(String t) {
        for (String part : t.split("[-_./+=]")) {
            if (part.length() >= 24) {
                return true;
            }
            boolean digit = false;
            boolean letter = false;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                digit |= Character.isDigit(c);
                letter |= Character.isLetter(c);
            }
            if (digit && letter && part.length() >= 4) {
                return true;
            }
        }
        return false;
    }
}

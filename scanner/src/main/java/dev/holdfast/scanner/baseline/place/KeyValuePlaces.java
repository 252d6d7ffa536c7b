package dev.holdfast.scanner.baseline.place;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Line-oriented formats: Java properties (with continuation lines) and dotenv files (with quoted multi-line values). */
final class KeyValuePlaces {
    private static final Pattern ENV = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$");

    private KeyValuePlaces() {
    }

    /** The key of each logical line, as {@link java.util.Properties#load(java.io.Reader)} reads it. */
    static void properties(String text, Claims claims) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = strip(lines[i]);
            String body = line.stripLeading();
            int first = i;
            // A logical line continues while the physical one ends in an odd number of backslashes.
            while (endsInOddBackslashes(strip(lines[i])) && i + 1 < lines.length) {
                i++;
            }
            if (!body.isEmpty() && body.charAt(0) != '#' && body.charAt(0) != '!') {
                String key = propertyKey(body);
                if (!key.isEmpty()) {
                    claims.claim(first + 1, i + 1, key, 0);
                }
            }
            i++;
        }
    }

    static void dotenv(String text, Claims claims) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ENV.matcher(strip(lines[i]));
            if (!m.matches()) {
                continue;
            }
            int last = i;
            String value = m.group(2);
            if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
                char q = value.charAt(0);
                if (value.indexOf(q, 1) < 0) {
                    while (last + 1 < lines.length && lines[last + 1].indexOf(q) < 0) {
                        last++;
                    }
                    last = Math.min(last + 1, lines.length - 1);
                }
            }
            claims.claim(i + 1, last + 1, m.group(1), 0);
            i = last;
        }
    }

    private static String propertyKey(String body) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                key.append(body.charAt(++i));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static boolean endsInOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}

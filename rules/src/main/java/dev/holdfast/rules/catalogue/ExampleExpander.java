package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.tokens.TokenChecks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Expands the generator syntax used in rule examples and test fixtures, so that no matchable secret is ever committed:
 * <ul>
 *   <li>{@code {{gen:A-Z2-7:16}}}: 16 characters drawn from the class with a seeded RNG (deterministic per seed);</li>
 *   <li>{@code {{=text}}}: the text verbatim (to split markers such as a PEM header in the committed file);</li>
 *   <li>{@code {{b64:…}}} and {@code {{b64url:…}}}: the expanded content, one byte per character, in base64 (url
 *       form without padding); {@code \xNN} in the content is that byte, so binary structures can be written;</li>
 *   <li>{@code {{sum:NAME}}}: the checksum the token check NAME appends to the token written so far (the run of
 *       letters, digits, '_', '-' and '.' before it), so examples of checksummed tokens are valid.</li>
 * </ul>
 * Generators nest: {@code {{b64url:{"sub":"{{gen:a-z:8}}"}}}}.
 */
public final class ExampleExpander {
    private final Random random;

    public ExampleExpander(long seed) {
        this.random = new Random(seed);
    }

    public static ExampleExpander seeded(String seed) {
        return new ExampleExpander(seed.hashCode() * 1_000_003L);
    }

    public String expand(String template) {
        return expand(template, false);
    }

    private String expand(String template, boolean bytes) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(literal(template.substring(i), bytes));
                break;
            }
            out.append(literal(template.substring(i, open), bytes));
            int close = closing(template, open + 2, template.startsWith("b64", open + 2));
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{{' in example: " + shorten(template));
            }
            out.append(generate(template.substring(open + 2, close), out));
            i = close + 2;
        }
        return out.toString();
    }

    /**
     * The index of the "}}" closing a generator whose content starts at {@code from}, or -1.
     *
     * @param braceContent the content may end in '}' (base64 of JSON): "}}}" is then a brace and the closing pair
     */
    private static int closing(String s, int from, boolean braceContent) {
        int depth = 0;
        for (int i = from; i < s.length() - 1; i++) {
            if (s.startsWith("{{", i)) {
                depth++;
                i++;
            } else if (s.startsWith("}}", i)) {
                if (depth > 0) {
                    depth--;
                    i++;
                } else if (braceContent && i + 2 < s.length() && s.charAt(i + 2) == '}') {
                    continue; // "}}}" closing a base64 generator: the first brace is content (JSON)
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private String generate(String body, StringBuilder before) {
        if (body.startsWith("=")) {
            return body.substring(1);
        }
        int colon = body.indexOf(':');
        String fn = colon < 0 ? body : body.substring(0, colon);
        String arg = colon < 0 ? "" : body.substring(colon + 1);
        return switch (fn) {
            case "gen" -> {
                int last = arg.lastIndexOf(':');
                if (last <= 0) {
                    throw new IllegalArgumentException("expected {{gen:CLASS:COUNT}}, got {{" + body + "}}");
                }
                yield generate(unescape(arg.substring(0, last)), Integer.parseInt(arg.substring(last + 1)));
            }
            case "b64" -> Base64.getEncoder().encodeToString(bytes(expand(arg, true)));
            case "b64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(expand(arg, true)));
            case "sum" -> TokenChecks.named(arg).complete(tokenEnd(before));
            // not a generator: template syntax of the example itself ("${{ secrets.X }}", "{{ .Values.x }}")
            default -> "{{" + body + "}}";
        };
    }

    /** {@code count} characters drawn from a class like {@code a-zA-Z0-9_-} (a trailing '-' is literal). */
    public String generate(String spec, int count) {
        char[] alphabet = alphabet(spec);
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return s.toString();
    }

    static char[] alphabet(String spec) {
        List<Character> chars = new ArrayList<>();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
                for (char x = c; x <= spec.charAt(i + 2); x++) {
                    chars.add(x);
                }
                i += 2;
            } else {
                chars.add(c);
            }
        }
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("empty generator class '" + spec + "'");
        }
        char[] a = new char[chars.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = chars.get(i);
        }
        return a;
    }

    private static String literal(String text, boolean bytes) {
        return bytes ? unescape(text) : text;
    }

    /** {@code \xNN} as the character NN (a byte inside b64 content). */
    private static String unescape(String s) {
        if (!s.contains("\\x")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i) && i + 4 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static byte[] bytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The token the output ends with: its trailing run of letters, digits, '_', '-' and '.'. */
    private static String tokenEnd(StringBuilder out) {
        int i = out.length();
        while (i > 0) {
            char c = out.charAt(i - 1);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.')) {
                break;
            }
            i--;
        }
        return out.substring(i);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

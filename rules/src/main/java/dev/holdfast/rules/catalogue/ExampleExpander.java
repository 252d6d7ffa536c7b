package dev.holdfast.rules.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the generator syntax used in rule examples and test fixtures, so that no matchable secret is ever committed:
 * {@code {{gen:A-Z2-7:16}}} is 16 characters drawn from the class with a seeded RNG (deterministic per seed), and
 * {@code {{=text}}} inserts text verbatim (used to split markers such as a PEM header in the committed file).
 */
public final class ExampleExpander {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{(gen:([^{}]+):(\\d{1,5})|=([^{}]*))}}");

    private final Random random;

    public ExampleExpander(long seed) {
        this.random = new Random(seed);
    }

    public static ExampleExpander seeded(String seed) {
        return new ExampleExpander(seed.hashCode() * 1_000_003L);
    }

    public String expand(String template) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(4) != null ? m.group(4) : generate(m.group(2), Integer.parseInt(m.group(3)));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
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
}

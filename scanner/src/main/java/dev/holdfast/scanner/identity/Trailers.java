package dev.holdfast.scanner.identity;

import dev.holdfast.rules.model.Person;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads "Key: value" trailers from a commit message. */
final class Trailers {
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s*:\\s*(\\S.*?)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern IDENT = Pattern.compile("^(.*?)\\s*<([^>]*)>\\s*$");

    record Trailer(String key, String value) {
        /** The value as an identity: "Name <email>", or a bare name. */
        Person person() {
            Matcher m = IDENT.matcher(value);
            return m.matches() ? new Person(m.group(1).trim(), m.group(2).trim()) : new Person(value.trim(), "");
        }
    }

    private Trailers() {
    }

    /**
     * Every trailer-shaped line of the message, not only the final paragraph: agents and people put them in the
     * body too. The first line (the subject) is skipped.
     */
    static List<Trailer> parse(String message) {
        List<Trailer> out = new ArrayList<>();
        if (message == null) {
            return out;
        }
        int nl = message.indexOf('\n');
        if (nl < 0) {
            return out;
        }
        Matcher m = LINE.matcher(message.substring(nl + 1));
        while (m.find()) {
            out.add(new Trailer(m.group(1), m.group(2)));
        }
        return out;
    }
}

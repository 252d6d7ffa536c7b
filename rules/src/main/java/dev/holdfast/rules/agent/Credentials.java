package dev.holdfast.rules.agent;

import dev.holdfast.rules.detect.Redactor;

import java.util.Locale;
import java.util.regex.Pattern;

/** Tells a credential written inline from a reference to one and from a placeholder, by the catalogue's patterns. */
final class Credentials {
    /** How a value holds a credential. */
    enum Form { LITERAL, REFERENCE, NONE }

    private static final Pattern SCHEME = Pattern.compile("(?i)^(bearer|token|basic)\\s+");
    private static final Pattern WORDLIKE = Pattern.compile("(?i)^(true|false|yes|no|on|off|\\d{1,7})$");
    private final AgentCatalogue.Patterns re;

    Credentials(AgentCatalogue catalogue) {
        this.re = catalogue.regex();
    }

    Form form(String value) {
        if (value == null) {
            return Form.NONE;
        }
        String v = value.strip();
        if (v.isEmpty() || re.placeholder().matcher(v).matches()) {
            return Form.NONE;
        }
        if (re.reference().matcher(v).matches()) {
            return Form.REFERENCE;
        }
        String bare = SCHEME.matcher(v).replaceFirst("");
        if (bare.length() < 8 || WORDLIKE.matcher(bare).matches() || bare.contains(" ")) {
            return Form.NONE;
        }
        return Form.LITERAL;
    }

    boolean isCredentialName(String name) {
        return name != null && re.credentialName().matcher(name).find();
    }

    boolean isCredentialHeader(String name) {
        return name != null && re.credentialHeader().matcher(name.strip()).matches();
    }

    boolean isCredentialArg(String arg) {
        return arg != null && re.credentialArg().matcher(arg.strip()).matches();
    }

    /** Whether any of these texts names a production system (the texts are never reported). */
    boolean namesProduction(Iterable<String> texts) {
        for (String t : texts) {
            if (t != null && re.production().matcher(t).find()) {
                return true;
            }
        }
        return false;
    }

    /** The only form of a token that may leave the scan: redacted when inline, the reference as written otherwise. */
    static String shown(AgentToken t) {
        if (t.literal()) {
            return Redactor.redact(SCHEME.matcher(t.value().strip()).replaceFirst(""));
        }
        String v = t.value().strip().replaceAll("\\p{Cntrl}", "?");
        return v.length() > 80 ? v.substring(0, 80) + "…" : v;
    }

    /** The secret or variable a reference names ({@code ${{ secrets.X }}}, {@code ${X}}, {@code $X}), upper-cased. */
    static String referencedName(String value) {
        String v = value.replaceAll("(?i)^(bearer|token|basic)\\s+", "").replaceAll("[${}\\s]", "");
        int dot = v.lastIndexOf('.');
        int colon = v.lastIndexOf(':');
        int cut = Math.max(dot, colon);
        return (cut >= 0 ? v.substring(cut + 1) : v).toUpperCase(Locale.ROOT);
    }
}

package dev.holdfast.rules.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a matched value is, read from its own shape and the characters around it: code (an identifier, a member
 * access, a call, a keyword literal), an interpolated or formatted string, a type, a version, a CSS selector, a label,
 * or a name made of words. None of these is a secret, whatever the name it is assigned to; a keyword rule asks here
 * before it reports.
 */
final class ValueShape {
    private static final Set<String> KEYWORD_LITERALS = Set.of("none", "null", "nil", "undefined", "true", "false",
            "nothing", "nan", "self", "this", "super", "void");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern MEMBER_ACCESS = Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:\\.|::|->|\\?\\.)[A-Za-z_$][\\w$]*)+");
    private static final Pattern CALL = Pattern.compile("[A-Za-z_$][\\w$.]*(?:\\(.*\\)?|\\[.*\\]?);?");
    /** Generic types as written in annotations and docs: QuerySet[Webhook], Optional[str], List<String>, Map<K, V>. */
    private static final Pattern TYPE = Pattern.compile(
            "[A-Za-z_][\\w.]*(?:\\[[\\w\\[\\].,| '\"]*\\]|<[\\w<>.,? ]*>)(?:\\s*\\|\\s*None)?|[A-Z][\\w.]*\\s*\\|\\s*None");
    /** A version or a range of versions: 1.2.3, ^1.0.0, >=5.4.0 <6, ~2.1 || 3.x. */
    private static final Pattern VERSION = Pattern.compile(
            "(?:[~^<>=v]{0,2}\\s?\\d+(?:\\.(?:\\d+|x|\\*)){0,3}(?:-[\\w.]+)?\\s*(?:\\|\\||,|\\s)?\\s*)+");
    private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:[\\w-]*:.*");
    /** A path into an object: StreamDescription.Shards[-1].ShardId, data.items[0].token. */
    private static final Pattern PROPERTY_PATH = Pattern.compile(
            "[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*|\\[-?\\d+\\]|\\[['\"]?\\w+['\"]?\\])*(?:\\[-?\\d+\\]|\\[['\"]?\\w+['\"]?\\])(?:\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern EXPRESSION = Pattern.compile("===|!==|=>|&&|\\|\\||\\w\\?\\w+:\\w");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][\\w-]*(?:=%?\\w*)?");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0nrt])");
    private static final Pattern HEADER_NAME = Pattern.compile("(?i)x-[a-z0-9]+(?:-[a-z0-9]+)+");
    private static final Pattern JSON_TEXT = Pattern.compile("\\s*[{\\[]\\s*[\"\\[{].*");
    private static final Pattern SELECTOR = Pattern.compile("[#.][A-Za-z][\\w-]*(?:[ >.#:][\\w-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z][\\w ()'/-]{0,60}:|[A-Za-z][\\w'/-]* [\\w ()'/-]{1,60}\\?");
    /** Python/C#/Kotlin/Scala prefixes that make a literal interpolate: f"..", $"..", s"..". */
    private static final Pattern INTERPOLATING_QUOTE = Pattern.compile("(?:^|[^\\w])(?:[fF][rR]?|[rR][fF]|\\$@?|@\\$|s)[\"']$");
    private static final Pattern BRACED = Pattern.compile("\\{[\\w.\\[\\]()'\" :!,-]*\\}");
    /** A word in double quotes inside the value: the value is text or a template quoting other text. */
    private static final Pattern QUOTED_WORD = Pattern.compile("\"[A-Za-z][\\w .:/-]{0,60}\"");
    private static final Pattern FORMAT_CALL = Pattern.compile("^[\"'`]?\\s*(?:\\.format\\(|%\\s*[(\\w]|\\.replace\\(|\\.f\\()");

    private ValueShape() {
    }

    /**
     * Why {@code value} is code or a name rather than a literal secret, or null.
     *
     * @param before the text between the key and the value (operator, opening quote, string prefix)
     * @param after  the text right after the value (closing quote, what follows it)
     */
    static String notALiteral(String value, String before, String after) {
        String b = before == null ? "" : before;
        String a = after == null ? "" : after;
        boolean quoted = !b.isEmpty() && "\"'`".indexOf(b.charAt(b.length() - 1)) >= 0;
        if (!quoted) {
            if (KEYWORD_LITERALS.contains(value.toLowerCase(Locale.ROOT))) {
                return "keyword literal";
            }
            if (MEMBER_ACCESS.matcher(value).matches()) {
                return "member access";
            }
            if (CALL.matcher(value).matches() && (value.contains("(") || value.contains("["))) {
                return "call";
            }
            if (IDENTIFIER.matcher(value).matches() && startsCode(a)) {
                return "identifier";
            }
        } else {
            if (INTERPOLATING_QUOTE.matcher(b).find() && BRACED.matcher(value).find()
                    || b.endsWith("`") && value.contains("${")) {
                return "interpolated string";
            }
            String rest = a.isEmpty() ? a : a.substring(1);
            if (FORMAT_CALL.matcher(rest).find()) {
                return "format string";
            }
        }
        if (!value.isEmpty() && "+,);]}|&".indexOf(value.charAt(0)) >= 0 && !random(value)) {
            return "code between two strings"; // "..." + x + ", token: " + y: the quotes paired wrongly
        }
        if (QUOTED_WORD.matcher(value).find() && !random(value)) {
            return "text quoting words"; // token = 'variable|default:"Default value"|date:"Y-m-d"'
        }
        if (a.matches("^[\"'`]\\s*(?:\\+|\\.\\.|\\|\\||\\|).*")) {
            return "concatenation or union"; // "__reactFiber$" + randomKey, "EXPORTABLE"|"NON_EXPORTABLE"
        }
        if (EXPRESSION.matcher(value).find()) {
            return "expression"; // `d===t?a:b`
        }
        if (TYPE.matcher(value).matches()) {
            return "type";
        }
        if (ARN.matcher(value).matches()) {
            return "resource name (ARN)";
        }
        if (PROPERTY_PATH.matcher(value).matches()) {
            return "property path";
        }
        if (HEADER_NAME.matcher(value).matches()) {
            return "header name";
        }
        if (JSON_TEXT.matcher(value).matches()) {
            return "JSON text";
        }
        if (OPTION.matcher(value).matches()) {
            return "command-line option"; // password: "--password"
        }
        if (value.contains("\\") && nameWords(ESCAPE.matcher(value).replaceAll("-")) != null) {
            return "escaped text"; // b"openssh-key-v1\x00"
        }
        if (VERSION.matcher(value).matches()) {
            return "version";
        }
        if (SELECTOR.matcher(value).matches()) {
            return "selector";
        }
        if (LABEL.matcher(value).matches() && !value.matches(".*\\d.*")) {
            return "label";
        }
        return null;
    }

    /** What may follow an identifier used as a value in code: an argument separator or a closing bracket (not a
     * semicolon, which also ends a value in a connection string). */
    private static boolean startsCode(String after) {
        String a = after.stripLeading();
        return !a.isEmpty() && ",)]}".indexOf(a.charAt(0)) >= 0;
    }

    /**
     * The words of a value that is a name ({@code password_too_common}, {@code mavenPassword}, {@code
     * UUIDFilterInput}, {@code DOC_Vector_5_32}), lower-cased; null when the value is not made of words only (letters
     * in runs of two or more, short numbers) but holds something random.
     */
    static List<String> nameWords(String value) {
        if (value.length() > 80 || !value.matches("[A-Za-z0-9_.,:/ #=-]+")) {
            return null;
        }
        String spaced = value.replaceAll("(?<![A-Za-z])[vV](\\d)", "ver$1").replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("([A-Za-z])([0-9])", "$1 $2").replaceAll("([0-9])([A-Za-z])", "$1 $2");
        List<String> words = new ArrayList<>();
        for (String w : spaced.split("[^A-Za-z0-9]+")) {
            if (w.isEmpty()) {
                continue;
            }
            boolean letters = w.chars().allMatch(Character::isLetter);
            boolean shortNumber = w.chars().allMatch(Character::isDigit) && w.length() <= 4;
            if (!(letters && w.length() >= 2 && (w.length() <= 3 || vowelled(w))) && !shortNumber) {
                return null;
            }
            words.add(w.toLowerCase(Locale.ROOT));
        }
        return words.size() >= 2 ? words : null;
    }

    /** Words people write have vowels; "xkcd" and "Qz" do not read as a word. Acronyms up to four letters pass. */
    private static boolean vowelled(String w) {
        if (w.length() <= 4 && w.equals(w.toUpperCase(Locale.ROOT))) {
            return true;
        }
        return w.toLowerCase(Locale.ROOT).chars().anyMatch(c -> "aeiouy".indexOf(c) >= 0);
    }

    /**
     * Text with spaces between several real words ("sessionToken=deleted; expires=Thu, 01 Jan 1970"): a sentence or a
     * header value, not a token. Random values with a space or two (WordPress salts) are not text, even where a few
     * letters in a row read as a word.
     */
    static boolean text(String value) {
        if (value.indexOf(' ') < 0 || random(value)) {
            return false;
        }
        int words = 0;
        for (String w : value.split("[^A-Za-z]+")) {
            if (w.length() >= 3 && vowelled(w)) {
                words++;
            }
        }
        return words >= 2 && value.split("\\s+").length >= 3;
    }

    /**
     * A long value drawn at random from a wide alphabet, such as a WordPress salt or a Django secret key: at least 40
     * characters, letters, digits and symbols, and near the entropy such a draw has (code and prose of that length stay
     * below 4.6 bits a character). Whatever name it is given, it is a key.
     */
    static boolean random(String value) {
        if (value.length() < 40) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            symbol |= c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
        }
        return upper && lower && digit && symbol && Entropy.shannon(value) >= 4.8;
    }
}

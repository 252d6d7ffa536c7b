package dev.holdfast.rules.tokens;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A value made of words joined in camel or Pascal case ({@code CompletionCreateParams}, {@code summarizeText}) is an
 * identifier in code, not a key: random keys do not fall into capitalised words. Every assignment rule applies this
 * check, since its value shape ({@code [A-Za-z0-9]{32}}) alone would take class and variable names.
 */
final class NotIdentifier implements TokenCheck {
    static final String NAME = "not-identifier";
    private static final Pattern WORDS = Pattern.compile(
            "[A-Za-z][a-z]{2,}(?:[A-Z][a-z]{2,}|[A-Z]{2,5}(?=[A-Z]|$)|\\d{1,3})*[A-Z]?");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        return WORDS.matcher(value).matches() ? null : Map.of();
    }
}

package dev.holdfast.rules.catalogue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's regex, compiled the first time a line needs it. Most of the catalogue's patterns never run in a short scan
 * (a pre-commit hook): the keyword prefilter finds none of their keywords, so compiling them all at start is wasted.
 * Compiling twice from two threads is harmless (a {@link Pattern} is immutable), so no lock.
 */
public final class LazyPattern {
    private final String regex;
    private volatile Pattern compiled;

    LazyPattern(String regex) {
        this.regex = regex;
    }

    LazyPattern(Pattern compiled) {
        this.regex = compiled.pattern();
        this.compiled = compiled;
    }

    /** The regex text, as written (or generated from {@code nameContains} and {@code value}). */
    public String pattern() {
        return regex;
    }

    /** The compiled pattern; compiles it on first use. */
    public Pattern compiled() {
        Pattern p = compiled;
        if (p == null) {
            p = Pattern.compile(regex);
            compiled = p;
        }
        return p;
    }

    public Matcher matcher(CharSequence input) {
        return compiled().matcher(input);
    }

    @Override
    public String toString() {
        return regex;
    }
}

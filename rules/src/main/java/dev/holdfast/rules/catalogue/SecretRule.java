package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.tokens.TokenCheck;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One compiled rule of the catalogue, as read from YAML.
 *
 * @param keywords   lower-case; the pattern only runs on lines containing one of them (empty: every line of a file
 *                   that matches {@code paths})
 * @param group      the group holding the secret: a name, a number, or null for "secret" if named, else 1, else 0
 * @param entropy    minimum Shannon entropy of the secret (0: no check); hex values are held to at most 3.0
 * @param generic    keyword + value rule: the {@code key} group must name a secret ({@code keyWords}) and the
 *                   generic noise checks (hashes, UUIDs, prose, identifiers, code) apply
 * @param capture    how the subject is read: {@code match} (the group), {@code pem} (the key body after a BEGIN line),
 *                   {@code putty} (the private lines of a PuTTY key)
 * @param pairWith   a pattern whose presence within a few lines raises confidence (e.g. an access key id next to a
 *                   secret key)
 * @param priority   when two rules flag overlapping text on one line, the higher priority wins
 * @param joinPrevious the pattern sees the previous line, a newline, then the current line (for pairs split over two
 *                   lines such as "- name: DB_PASSWORD" / "value: ..."); the secret must be on the current line
 * @param needs      strings of which the pattern cannot match without one (a quote, "</"): a line holding none of
 *                   them is skipped before the regex runs, which is most of the cost on source code; empty: no check
 * @param strongKey  the key must name a credential for sure (password, secret, token, api key...), not merely hold a
 *                   key word: for pairs such as {@code ("auth", "0011_...")} or {@code singletonMap("partitionKey",
 *                   ...)} whose first string is any name
 * @param provider   who issues the credential ("GitHub", "Anthropic"), or null for rules that are not about one
 *                   provider (keyword + entropy rules)
 * @param family     the rule file's family ("ai", "cloud", ... for built-in rules; the file name for custom ones)
 * @param checks     structural checks the secret must pass (checksums, encodings), in order
 * @param assignment for a rule written as {@code nameContains} + {@code value}, those two (its pattern is generated
 *                   from them); null for a rule written as a {@code pattern}
 * @param startsWithin every match starts at most this many characters before an occurrence of a keyword (speed only:
 *                   the pattern is tried there alone); -1 when the rule does not say
 * @param nameWithin for a keyword rule, every match worth reporting starts at most this many characters before an
 *                   occurrence of one of its {@code keyWords}, with no blank between: its key must hold one to be
 *                   reported, a key holds no blank, and it lies that near the match's start; and every match starts
 *                   at a {@code <} or at a name's first character (speed only: the pattern is tried there alone);
 *                   -1 when the rule does not say
 * @param credentialPosition the pattern's position says the value is a credential (a login call's password
 *                   argument): a weak value there is reported with low confidence in code too, as in a credential
 *                   file, not dropped as a demo default
 */
public record SecretRule(String id, String title, String description, Category category, Severity severity,
                         List<String> keywords, LazyPattern pattern, String group, double entropy, int minLength,
                         List<Pattern> paths, List<Pattern> skipPaths, List<Pattern> allow, String remediation,
                         List<String> tags, boolean generic, List<String> keyWords, String capture, Pattern pairWith,
                         int priority, List<Example> matchExamples, List<Example> noMatchExamples, String source,
                         java.util.Set<String> namedGroups, boolean joinPrevious,
                         List<String> needs, boolean strongKey, String provider, String family, List<TokenCheck> checks,
                         Assignment assignment, int startsWithin, int nameWithin, boolean credentialPosition) {

    /** The two parts of an assignment rule: a regex the assigned name contains, and the value's regex. */
    public record Assignment(String nameContains, String value) {
    }

    /**
     * A rule example: a document (after generator expansion), the path it pretends to live at, and for a match
     * example the severity the finding must have (null: the rule's own or any).
     */
    public record Example(String path, String text, Severity severity) {
    }

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** The named groups of a pattern (Java 17 has no API for them). */
    static java.util.Set<String> namedGroupsOf(String regex) {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.regex.Matcher m = NAMED_GROUP.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return java.util.Set.copyOf(names);
    }

    public RuleInfo info() {
        return new RuleInfo(id, title, description, category, severity, remediation, tags);
    }

    boolean appliesTo(String path) {
        String p = path == null ? "" : path;
        if (!paths.isEmpty() && paths.stream().noneMatch(g -> g.matcher(p).matches())) {
            return false;
        }
        return skipPaths.stream().noneMatch(g -> g.matcher(p).matches());
    }

    /** Whether the text holds one of {@link #needs}, without which the pattern cannot match. */
    boolean mayMatch(String text) {
        if (needs.isEmpty()) {
            return true;
        }
        for (String n : needs) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the rule's token checks learnt about a secret (merged properties), or null when one of them rejects it.
     */
    java.util.Map<String, String> verify(String secret) {
        if (checks.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> learnt = new java.util.LinkedHashMap<>();
        for (TokenCheck c : checks) {
            java.util.Map<String, String> r = c.verify(secret);
            if (r == null) {
                return null;
            }
            learnt.putAll(r);
        }
        return learnt;
    }

    boolean keywordIn(String lowerText) {
        if (keywords.isEmpty()) {
            return true;
        }
        for (String k : keywords) {
            if (lowerText.contains(k)) {
                return true;
            }
        }
        return false;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

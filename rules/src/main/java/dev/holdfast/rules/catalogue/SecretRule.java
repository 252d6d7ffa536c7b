package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;

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
 * @param credentialPosition the pattern's position says the value is a credential (a login call's password
 *                   argument): a weak value there is reported with low confidence in code too, as in a credential
 *                   file, not dropped as a demo default
 */
public record SecretRule(String id, String title, String description, Category category, Severity severity,
                         List<String> keywords, Pattern pattern, String group, double entropy, int minLength,
                         List<Pattern> paths, List<Pattern> skipPaths, List<Pattern> allow, String remediation,
                         List<String> tags, boolean generic, List<String> keyWords, String capture, Pattern pairWith,
                         int priority, List<Example> matchExamples, List<Example> noMatchExamples, String source,
                         java.util.Set<String> namedGroups, boolean joinPrevious,
                         List<String> needs, boolean strongKey, boolean credentialPosition) {

    /**
     * A rule example: a document (after generator expansion), the path it pretends to live at, and for a match
     * example the severity the finding must have (null: the rule's own or any).
     */
    public record Example(String path, String text, Severity severity) {
    }

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** The named groups of a pattern (Java 17 has no API for them). */
    static java.util.Set<String> namedGroupsOf(Pattern pattern) {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.regex.Matcher m = NAMED_GROUP.matcher(pattern.pattern());
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

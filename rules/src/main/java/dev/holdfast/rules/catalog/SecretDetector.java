package dev.holdfast.rules.catalog;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Detector;
import dev.holdfast.detect.Document;
import dev.holdfast.detect.Redactor;
import dev.holdfast.model.RuleInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the secret rules to a document, line by line. A rule only runs on files its paths allow and on lines holding
 * one of its keywords (checked on the whole document first, so most rules never look at most files); every match then
 * goes through {@link NoiseFilter} and the user's allow-list. Stateless after construction, so safe across threads.
 */
public final class SecretDetector implements Detector {
    /** Put on a line (in a comment) to suppress every secret finding on that line. */
    public static final String INLINE_ALLOW = "holdfast:allow";
    private static final int PAIR_WINDOW = 5;
    /**
     * How many rejected matches per line and rule may be retried one character later. Past that the search resumes
     * after the match: on a long hostile line (minified code, "key=aaaa…") retrying at every position is quadratic.
     */
    private static final int OVERLAP_RETRIES = 32;
    private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]*-----|---- END SSH2");
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]{16,}");

    private static final boolean TRACE = Boolean.getBoolean("holdfast.trace");

    private final List<SecretRule> rules;
    private final NoiseFilter noise;
    private final Predicate<String> allowedValue;

    SecretDetector(List<SecretRule> rules, NoiseFilter noise, Predicate<String> allowedValue) {
        this.rules = List.copyOf(rules);
        this.noise = noise;
        this.allowedValue = allowedValue == null ? v -> false : allowedValue;
    }

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<RuleInfo> rules() {
        return rules.stream().map(SecretRule::info).toList();
    }

    @Override
    public List<Detection> detect(Document document) {
        String text = document.text();
        String lowerText = text.toLowerCase(Locale.ROOT);
        List<SecretRule> active = new ArrayList<>();
        for (SecretRule r : rules) {
            if (r.appliesTo(document.path()) && r.keywordIn(lowerText)) {
                active.add(r);
            }
        }
        if (active.isEmpty()) {
            return List.of();
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.contains(INLINE_ALLOW)) {
                continue;
            }
            String lowerLine = line.toLowerCase(Locale.ROOT);
            for (SecretRule rule : active) {
                if (rule.keywordIn(lowerLine)) {
                    scanLine(rule, lines, i, found);
                }
            }
        }
        return resolve(found);
    }

    private void scanLine(SecretRule rule, String[] lines, int index, List<Candidate> out) {
        String line = lines[index];
        Matcher m = rule.pattern().matcher(line);
        // A rejected match may hide a real one that overlaps it (define('KEY', 'value') first matches "define("),
        // so after a rejection the search resumes one character later instead of after the match.
        int from = 0;
        int retries = 0;
        while (from <= line.length() && m.find(from)) {
            from = Math.max(retries++ < OVERLAP_RETRIES ? m.start() + 1 : m.end(), from + 1);
            String g = secretGroup(rule, m);
            String value = group(m, g);
            if (value == null) {
                continue;
            }
            int start = start(m, g);
            String trimmed = value.strip();
            start += value.indexOf(trimmed.isEmpty() ? value : trimmed);
            value = trimmed;
            if (allowed(rule, value, m.group())) {
                trace(rule, index, value, "allow pattern");
                continue;
            }
            String key = rule.namedGroups().contains("key") ? m.group("key") : null;
            int keyEnd = key == null ? m.start() : m.end("key");
            String before = line.substring(Math.min(keyEnd, start), start);
            String why = noise.noise(rule, key, value, before);
            if (why != null) {
                trace(rule, index, value, why + (key == null ? "" : " (key " + key + ")"));
                continue;
            }
            String subject = switch (rule.capture()) {
                case "pem" -> pemBody(lines, index, m.end());
                case "putty" -> puttyBody(lines, index);
                default -> value;
            };
            if (subject == null || allowedValue.test(subject)) {
                continue;
            }
            int column = "match".equals(rule.capture()) ? start + 1 : m.start() + 1;
            Map<String, String> props = new LinkedHashMap<>();
            if (rule.pairWith() != null) {
                props.put("confidence", pairNearby(rule.pairWith(), lines, index) ? "high" : "medium");
            }
            if (key != null) {
                props.put("key", key.length() > 80 ? key.substring(0, 80) : key);
            }
            out.add(new Candidate(rule, index + 1, column, column + value.length(), subject, props));
            from = Math.max(from, m.end());
        }
    }

    /** The secret's group as a name or number: the rule's own choice, else "secret" if named, else 1, else 0. */
    private static String secretGroup(SecretRule rule, Matcher m) {
        if (rule.group() != null) {
            return rule.group();
        }
        if (rule.namedGroups().contains("secret")) {
            return "secret";
        }
        return m.groupCount() >= 1 ? "1" : "0";
    }

    /** Debug aid for tuning (system property holdfast.trace=true): why a match was dropped, value redacted. */
    private static void trace(SecretRule rule, int index, String value, String why) {
        if (TRACE) {
            System.err.println("trace " + rule.id() + " line " + (index + 1) + " " + Redactor.redact(value) + ": " + why);
        }
    }

    private static String group(Matcher m, String g) {
        return Character.isDigit(g.charAt(0)) ? m.group(Integer.parseInt(g)) : m.group(g);
    }

    private static int start(Matcher m, String g) {
        return Character.isDigit(g.charAt(0)) ? m.start(Integer.parseInt(g)) : m.start(g);
    }

    private static boolean allowed(SecretRule rule, String value, String whole) {
        for (Pattern a : rule.allow()) {
            if (a.matcher(value).find() || a.matcher(whole).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The base64 body of a PEM block: on the same line when the key is embedded with "\n" escapes (JSON, env), else
     * the following lines up to the END marker. Null when there is no body: a mention of the header is not a key.
     */
    static String pemBody(String[] lines, int index, int afterHeader) {
        StringBuilder body = new StringBuilder();
        String rest = lines[index].substring(afterHeader);
        if (rest.contains("\\n") || rest.contains("-----END")) {
            Matcher end = PEM_END.matcher(rest);
            String inline = end.find() ? rest.substring(0, end.start()) : rest;
            for (String part : inline.split("\\\\n|\\\\r|\\s+")) {
                if (BASE64_LINE.matcher(part).matches()) {
                    body.append(part);
                }
            }
        } else {
            for (int i = index + 1; i < lines.length && i < index + 200; i++) {
                String l = lines[i].strip();
                if (PEM_END.matcher(l).find()) {
                    break;
                }
                if (l.contains(":") && !l.contains(" ") || l.startsWith("Proc-Type") || l.startsWith("DEK-Info")
                        || l.startsWith("Comment") || l.startsWith("Version")) {
                    continue;
                }
                String cleaned = l.replaceAll("^[\"']|[\"',+]+$|\\\\n", "");
                if (BASE64_LINE.matcher(cleaned).matches()) {
                    body.append(cleaned);
                } else if (!cleaned.isEmpty()) {
                    break;
                }
            }
        }
        return body.length() >= 64 ? body.toString() : null;
    }

    /** The private lines of a PuTTY key file, which follow "Private-Lines: N". */
    static String puttyBody(String[] lines, int index) {
        for (int i = index + 1; i < lines.length && i < index + 100; i++) {
            if (lines[i].startsWith("Private-Lines:")) {
                StringBuilder body = new StringBuilder();
                for (int j = i + 1; j < lines.length && !lines[j].startsWith("Private-"); j++) {
                    body.append(lines[j].strip());
                }
                return body.length() >= 32 ? body.toString() : null;
            }
        }
        return null;
    }

    private static boolean pairNearby(Pattern pair, String[] lines, int index) {
        for (int i = Math.max(0, index - PAIR_WINDOW); i < Math.min(lines.length, index + PAIR_WINDOW + 1); i++) {
            if (pair.matcher(lines[i]).find()) {
                return true;
            }
        }
        return false;
    }

    /** Overlapping matches on one line are one secret: keep the most specific rule (priority, then non-generic). */
    private static List<Detection> resolve(List<Candidate> found) {
        found.sort(Comparator.comparingInt(Candidate::line)
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.rule().priority()).reversed())
                .thenComparing(c -> c.rule().generic())
                .thenComparingInt(Candidate::column));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : found) {
            boolean overlaps = false;
            for (Candidate k : kept) {
                if (k.line() == c.line() && (c.column() < k.end() && k.column() < c.end()
                        || k.subject().equals(c.subject()))) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(Candidate::line).thenComparingInt(Candidate::column)
                .thenComparing(c -> c.rule().id()));
        List<Detection> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            SecretRule r = c.rule();
            out.add(new Detection(r.id(), r.category(), r.severity(), r.title(), c.line(), c.column(), c.subject(),
                    Redactor.redact(c.subject()), r.remediation(), c.properties()));
        }
        return out;
    }

    private record Candidate(SecretRule rule, int line, int column, int end, String subject,
                             Map<String, String> properties) {
    }
}

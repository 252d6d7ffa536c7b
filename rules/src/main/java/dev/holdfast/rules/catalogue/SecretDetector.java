package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.LineReach;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;

import java.nio.charset.StandardCharsets;
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
     * A line where one rule keeps matching hundreds of times is generated or minified text; past this many matches
     * the rule stops looking at the line, which bounds the work on huge lines.
     */
    private static final int MAX_MATCHES_PER_LINE = 64;
    private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]*-----|---- END SSH2");
    private static final Pattern LINE_START = Pattern.compile("(?i)\\s*(?:(?:export|env|arg|set|setenv)\\s+)?");
    private static final Pattern OPERATOR = Pattern.compile("[=:(>,]");
    /** The shortest run of base64 that reads as a line of a key body. */
    private static final int BODY_RUN = 16;
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]{" + BODY_RUN + ",}");
    /**
     * Per capture that reads a block on the lines after its match, how the lines that open or close such a block start:
     * PEM and SSH2 (RFC 4716) for "pem" ({@link #pemBody}, {@link #PEM_END}), PuTTY for "putty" ({@link #puttyBody}).
     */
    private static final Map<String, List<String>> BLOCK_MARKERS = Map.of(
            "pem", List.of("-----BEGIN ", "-----END ", "---- BEGIN SSH2", "---- END SSH2"),
            "putty", List.of("PuTTY-User-Key-File-"));
    private static final Pattern BASE64_CHARS = Pattern.compile("[A-Za-z0-9+/=]+");
    /** Below this Shannon entropy a keyword-rule value reads as a word or a weak example (bits per character). */
    private static final double LOW_ENTROPY = 3.0;

    private static final boolean TRACE = Boolean.getBoolean("holdfast.trace");
    /** Tuning aid (system property holdfast.profile=true): time spent per rule, printed at exit. */
    private static final Map<String, Long> PROFILE = Boolean.getBoolean("holdfast.profile") ? profile() : null;

    private static Map<String, Long> profile() {
        Map<String, Long> m = new java.util.concurrent.ConcurrentHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> m.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(Integer.getInteger("holdfast.profile.top", 15))
                .forEach(e -> System.err.printf("profile %-40s %6d ms%n", e.getKey(), e.getValue() / 1_000_000))));
        return m;
    }

    private final List<SecretRule> rules;
    private final NoiseFilter noise;
    private final Predicate<String> allowedValue;
    private final KeywordIndex index;
    /** For each keyword id, the indexes of the rules that list it. */
    private final int[][] rulesByKeyword;
    /** Per rule: has a non-ASCII keyword, which the automaton cannot see (worked out once, not per document). */
    private final boolean[] nonAsciiKeyword;
    /**
     * Per rule: its verdict on a line depends on that line alone, so in a document shown in part it need only read the
     * changed lines (see {@link Document#changedLines()}). Rules that read a PEM or PuTTY body on the following lines,
     * or join the previous line, read the context too.
     */
    private final boolean[] lineLocal;
    /**
     * The keywords of the rules that are not line-local: in a document shown in part, the unchanged lines are
     * scanned for these only.
     */
    private final KeywordIndex contextIndex;
    /**
     * The rules looked at in every document whatever its keywords: rules without keywords (path rules) and rules with
     * a non-ASCII keyword. All others run only when the automaton marked one of their lines, so a document costs the
     * rules it mentions, not the size of the catalogue.
     */
    private final int[] alwaysRules;
    /** For each keyword id of {@link #contextIndex}, the indexes of the rules that list it. */
    private final int[][] contextRulesByKeyword;
    private final boolean splitScan;
    /** Per rule: whether its path globs let it apply to a path, worked out once per path (see {@link PathAnswers}). */
    private final PathAnswers applies;
    /** Per rule: no paths or skipPaths, so it applies to every path. */
    private final boolean[] everyPath;
    /** One Marks per thread, cleared per document: a history allocated one per version (150 MB for commons-lang). */
    private final ThreadLocal<Marks> marks;
    private final LineReach reach;

    SecretDetector(List<SecretRule> rules, NoiseFilter noise, Predicate<String> allowedValue) {
        this.rules = List.copyOf(rules);
        this.noise = noise;
        this.allowedValue = allowedValue == null ? v -> false : allowedValue;
        List<String> all = new ArrayList<>();
        this.rules.forEach(r -> all.addAll(r.keywords()));
        this.index = new KeywordIndex(all);
        List<List<Integer>> byKeyword = new ArrayList<>();
        for (int k = 0; k < index.size(); k++) {
            byKeyword.add(new ArrayList<>());
        }
        for (int r = 0; r < this.rules.size(); r++) {
            for (String k : this.rules.get(r).keywords()) {
                if (k.chars().allMatch(c -> c < 128)) {
                    int id = index.id(k);
                    if (!byKeyword.get(id).contains(r)) {
                        byKeyword.get(id).add(r);
                    }
                }
            }
        }
        this.nonAsciiKeyword = new boolean[this.rules.size()];
        for (int r = 0; r < this.rules.size(); r++) {
            nonAsciiKeyword[r] = this.rules.get(r).keywords().stream()
                    .anyMatch(k -> !k.chars().allMatch(c -> c < 128));
        }
        this.alwaysRules = java.util.stream.IntStream.range(0, this.rules.size())
                .filter(r -> nonAsciiKeyword[r] || this.rules.get(r).keywords().isEmpty()).toArray();
        this.lineLocal = new boolean[this.rules.size()];
        for (int r = 0; r < this.rules.size(); r++) {
            lineLocal[r] = "match".equals(this.rules.get(r).capture()) && !this.rules.get(r).joinPrevious();
        }
        this.rulesByKeyword = byKeyword.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        List<String> contextWords = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            if (!lineLocal[r]) {
                contextWords.addAll(this.rules.get(r).keywords());
            }
        }
        this.contextIndex = new KeywordIndex(contextWords);
        this.contextRulesByKeyword = new int[contextIndex.size()][];
        for (int k = 0; k < contextIndex.size(); k++) {
            contextRulesByKeyword[k] = rulesByKeyword[index.id(contextIndex.keyword(k))];
        }
        this.everyPath = new boolean[this.rules.size()];
        for (int r = 0; r < this.rules.size(); r++) {
            everyPath[r] = this.rules.get(r).paths().isEmpty() && this.rules.get(r).skipPaths().isEmpty();
        }
        int ruleCount = this.rules.size();
        this.applies = new PathAnswers(ruleCount, (r, p) -> this.rules.get(r).appliesTo(p));
        this.marks = ThreadLocal.withInitial(() -> new Marks(ruleCount));
        // a keyword with a line break could span a changed and an unchanged line: then scan every line whole
        this.splitScan = all.stream().noneMatch(k -> k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0);
        List<String> markers = new ArrayList<>();
        this.rules.forEach(r -> markers.addAll(BLOCK_MARKERS.getOrDefault(r.capture(), List.of())));
        // the pair window, and one line more: a rule that joins a line to the one before reads it
        this.reach = new LineReach(PAIR_WINDOW + 1, markers, markers.isEmpty() ? Integer.MAX_VALUE : BODY_RUN);
    }

    @Override
    public LineReach lineReach() {
        return reach;
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
        // The UTF-8 bytes, not the decoded text: line breaks and keywords are ASCII, so both are found on the bytes,
        // and only the few lines a rule looks at are decoded.
        byte[] text = document.content();
        String path = document.path();
        // Lines are cut out of the text only when a rule looks at them: most lines of most files hold no keyword.
        Lines lines = new Lines(text, path);
        int[] lineStarts = lines.starts;
        // Lines are numbered as the document numbers them (at '\n') unless a lone '\r' splits one: then read all.
        java.util.BitSet changed = lines.bareCarriageReturn ? null : document.changedLines();
        // One pass of the keyword automaton marks, per rule, the lines holding one of its keywords. In a document
        // shown in part, unchanged lines matter only to the rules that read across lines: they get a smaller
        // automaton of those rules' keywords.
        Marks marks = this.marks.get();
        marks.clear();
        PathAnswers.Answers here = applies.of(path);
        java.util.BitSet[] linesByRule = marks.linesByRule;
        if (changed == null || !splitScan) {
            index.scan(text, 0, text.length, marker(rulesByKeyword, lines, here, marks));
        } else {
            KeywordIndex.Hit all = marker(rulesByKeyword, lines, here, marks);
            KeywordIndex.Hit context = marker(contextRulesByKeyword, lines, here, marks);
            int n = lines.length();
            for (int line = 0; line < n; ) {
                boolean isChanged = changed.get(line);
                int end = isChanged ? changed.nextClearBit(line) : changed.nextSetBit(line);
                end = end < 0 || end > n ? n : end;
                int to = end < n ? lineStarts[end] : text.length;
                (isChanged ? index : contextIndex).scan(text, lineStarts[line], to, isChanged ? all : context);
                line = end;
            }
        }
        List<Candidate> found = new ArrayList<>();
        boolean example = noise.exampleFile(path);
        for (int r : marks.rulesToRun(alwaysHere(here))) {
            SecretRule rule = rules.get(r);
            if (rule.generic() && example) {
                continue;
            }
            java.util.BitSet marked = linesByRule[r];
            if (marked == null && rule.keywords().isEmpty()) { // a path rule: it is in alwaysHere() as it applies
                marked = new java.util.BitSet(lines.length());
                marked.set(0, lines.length());
            }
            if (nonAsciiKeyword[r] && here.get(r)) {
                // The automaton is ASCII; a custom rule with a non-ASCII keyword is prefiltered line by line.
                marked = marked == null ? new java.util.BitSet(lines.length()) : marked;
                for (int i = 0; i < lines.length(); i++) {
                    if (rule.keywordIn(lines.get(i).toLowerCase(Locale.ROOT))) {
                        marked.set(i);
                    }
                }
            }
            if (marked == null) {
                continue;
            }
            if (changed != null && lineLocal[r]) {
                marked.and(changed);
            }
            for (int i = marked.nextSetBit(0); i >= 0; i = marked.nextSetBit(i + 1)) {
                String line = lines.get(i);
                if (line.isEmpty() || line.contains(INLINE_ALLOW)) {
                    continue;
                }
                long t0 = PROFILE == null ? 0 : System.nanoTime();
                scanLine(rule, lines, i, found);
                if (PROFILE != null) {
                    PROFILE.merge(rule.id(), System.nanoTime() - t0, Long::sum);
                }
            }
        }
        return resolve(found);
    }

    /** The rules looked at whatever the keywords ({@link #alwaysRules}) that apply to the path. */
    private int[] alwaysHere(PathAnswers.Answers here) {
        int[] out = new int[alwaysRules.length];
        int n = 0;
        for (int r : alwaysRules) {
            if (here.get(r)) {
                out[n++] = r;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Marks, for each keyword found, its line for every rule that lists the keyword and applies to the path. */
    private KeywordIndex.Hit marker(int[][] byKeyword, Lines lines, PathAnswers.Answers here, Marks marks) {
        int[] lineStarts = lines.starts;
        byte[] applies = marks.applies;
        java.util.BitSet[] linesByRule = marks.linesByRule;
        return (keyword, end) -> {
            int line = lineOf(lineStarts, end);
            for (int r : byKeyword[keyword]) {
                if (applies[r] == 0) {
                    marks.decided(r, everyPath[r] || here.get(r));
                }
                if (applies[r] == Marks.YES) {
                    if (linesByRule[r] == null) {
                        linesByRule[r] = new java.util.BitSet(lines.length());
                        marks.hit(r);
                    }
                    linesByRule[r].set(line);
                }
            }
        };
    }

    /**
     * One document's marks: per rule, whether it applies to the path and which lines hold one of its keywords.
     * Reused for the next document of the thread: {@link #clear()} undoes only what was set.
     */
    private static final class Marks {
        static final byte YES = 1;
        static final byte NO = 2;
        final java.util.BitSet[] linesByRule;
        final byte[] applies;
        private int[] hit = new int[16];
        private int hits;
        private int[] decided = new int[16];
        private int decisions;

        Marks(int rules) {
            linesByRule = new java.util.BitSet[rules];
            applies = new byte[rules];
        }

        void hit(int rule) {
            if (hits == hit.length) {
                hit = java.util.Arrays.copyOf(hit, hits * 2);
            }
            hit[hits++] = rule;
        }

        void decided(int rule, boolean applies) {
            if (decisions == decided.length) {
                decided = java.util.Arrays.copyOf(decided, decisions * 2);
            }
            decided[decisions++] = rule;
            this.applies[rule] = applies ? YES : NO;
        }

        void clear() {
            for (int i = 0; i < hits; i++) {
                linesByRule[hit[i]] = null;
            }
            for (int i = 0; i < decisions; i++) {
                applies[decided[i]] = 0;
            }
            hits = 0;
            decisions = 0;
        }

        /** The rules with a marked line and the given ones, in catalogue order (which breaks ties between findings). */
        int[] rulesToRun(int[] always) {
            int[] out = java.util.Arrays.copyOf(hit, hits + always.length);
            System.arraycopy(always, 0, out, hits, always.length);
            java.util.Arrays.sort(out);
            int n = 0;
            for (int i = 0; i < out.length; i++) {
                if (i == 0 || out[i] != out[i - 1]) {
                    out[n++] = out[i];
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    private static int lineOf(int[] lineStarts, int position) {
        int i = java.util.Arrays.binarySearch(lineStarts, position);
        return i >= 0 ? i : -i - 2;
    }

    private void scanLine(SecretRule rule, Lines lines, int index, List<Candidate> out) {
        // With joinPrevious the pattern sees "previous\ncurrent"; offsets are shifted back to the current line.
        int shift = rule.joinPrevious() && index > 0 ? lines.get(index - 1).length() + 1 : 0;
        String line = shift > 0 ? lines.get(index - 1) + "\n" + lines.get(index) : lines.get(index);
        if (!rule.mayMatch(line)) {
            return;
        }
        Matcher m = rule.pattern().matcher(line);
        // Rules that know where their matches start (near a keyword, or near a word their key must hold) are tried
        // only there. A search of the whole line stops after MAX_MATCHES_PER_LINE matches, whatever they hold: on a
        // line with that many places a nameWithin match could start, the hint could look past where the search
        // stopped, so such a line (minified text) is searched whole, as without the hint.
        int[] starts = rule.assignment() != null ? MatchStarts.ofNames(line, rule.keywords())
                : rule.startsWithin() >= 0 ? MatchStarts.within(line, rule.keywords(), rule.startsWithin())
                : rule.nameWithin() >= 0 && MatchStarts.nameStarts(line) < MAX_MATCHES_PER_LINE
                ? MatchStarts.nameWithin(line, rule.keyWords(), rule.nameWithin()) : null;
        if (starts != null) {
            m.useTransparentBounds(true).useAnchoringBounds(false);
        }
        // A rejected match may hide a real one that overlaps it (define('KEY', 'value') first matches "define("),
        // so after a rejection the search resumes one character later instead of after the match.
        int from = 0;
        int attempts = 0;
        while (from <= line.length() && attempts++ < MAX_MATCHES_PER_LINE
                && (starts == null ? m.find(from) : MatchStarts.next(m, starts, from))) {
            from = Math.max(m.start() + 1, from + 1);
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
            String after = line.substring(Math.min(line.length(), start + value.length()),
                    Math.min(line.length(), start + value.length() + 2));
            if (after.equals("{{") || after.equals("${") || (start >= 2 && line.startsWith("}}", start - 2))) {
                trace(rule, index, value, "part of a template");
                continue;
            }
            String key = rule.namedGroups().contains("key") ? m.group("key") : null;
            if (key != null && rule.generic() && !key.startsWith("-") && !OPERATOR.matcher(line.substring(m.end("key"), start)).find()
                    && !LINE_START.matcher(line.substring(0, m.start("key"))).matches()) {
                // "key value" without an operator is a config-file form (.esmtprc, redis.conf): only at line start.
                trace(rule, index, value, "no assignment operator");
                continue;
            }
            int keyEnd = key == null ? m.start() : m.end("key");
            String before = line.substring(Math.min(keyEnd, start), start);
            int valueEnd = Math.min(line.length(), start + value.length());
            String following = line.substring(valueEnd, Math.min(line.length(), valueEnd + 40));
            NoiseFilter.Verdict verdict = noise.judge(rule, new NoiseFilter.Match(lines.path, key, value, before,
                    following, optionalGroup(rule, m, "user"), optionalGroup(rule, m, "host")));
            if (!verdict.reported()) {
                trace(rule, index, value, verdict.noise() + (key == null ? "" : " (key " + key + ")"));
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
            if (start < shift) {
                continue;
            }
            int column = ("match".equals(rule.capture()) ? start + 1 : m.start() + 1) - shift;
            Map<String, String> learnt = rule.verify(subject);
            if (learnt == null) {
                // A value this rule recognises and its check rejects (a made-up GitHub token) is no secret at all:
                // the veto keeps keyword rules from reporting it in its place.
                trace(rule, index, value, "fails its token check");
                out.add(new Candidate(rule, index + 1, Math.max(1, column), column + value.length(), subject,
                        rule.severity(), Map.of(), true));
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            if (rule.pairWith() != null) {
                props.put("confidence", pairNearby(rule.pairWith(), lines, index) ? "high" : "medium");
            }
            if (key != null) {
                props.put("key", key.length() > 80 ? key.substring(0, 80) : key);
            }
            Severity severity = rule.severity();
            // Confidence, not only kind: a weak value (a default password in a config file), or a keyword-rule hit
            // in a test or on a low-entropy value, is likely a weak credential, a fixture or an example; reported,
            // but not as high.
            String doubt = verdict.weak() != null ? verdict.weak()
                    : !rule.generic() ? null
                    : noise.testPath(lines.path) ? "test path"
                    : NoiseFilter.lowEntropy(subject, LOW_ENTROPY) ? "low entropy" : null;
            if (doubt != null) {
                severity = severity.compareTo(Severity.MEDIUM) < 0 ? Severity.MEDIUM : severity;
                props.put("confidence", "low (" + doubt + ")");
            }
            props.putAll(learnt);
            out.add(new Candidate(rule, index + 1, Math.max(1, column), column + value.length(), subject, severity,
                    props, false));
            from = Math.max(from, m.end());
        }
    }

    private static String optionalGroup(SecretRule rule, Matcher m, String name) {
        return rule.namedGroups().contains(name) ? m.group(name) : null;
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
        List<Pattern> allow = rule.allow();
        for (int i = 0; i < allow.size(); i++) { // no iterator: this runs for every candidate match
            Pattern a = allow.get(i);
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
    static String pemBody(Lines lines, int index, int afterHeader) {
        StringBuilder body = new StringBuilder();
        String rest = lines.get(index).substring(afterHeader);
        if (rest.contains("\\n") || rest.contains("-----END")) {
            Matcher end = PEM_END.matcher(rest);
            String inline = end.find() ? rest.substring(0, end.start()) : rest;
            for (String part : inline.split("\\\\n|\\\\r|\\s+")) {
                if (BASE64_LINE.matcher(part).matches()) {
                    body.append(part);
                }
            }
        } else {
            for (int i = index + 1; i < lines.length() && i < index + 200; i++) {
                String l = lines.get(i).strip();
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

    /**
     * The private lines of a PuTTY key file: the N lines after "Private-Lines: N", each base64. A body cut short (a
     * line that is not base64, or the next "Private-" field) ends there: the subject never runs on into the rest of
     * the file, so it does not change when unrelated lines far below do.
     */
    static String puttyBody(Lines lines, int index) {
        for (int i = index + 1; i < lines.length() && i < index + 100; i++) {
            String header = lines.get(i);
            if (header.startsWith("Private-Lines:")) {
                int count;
                try {
                    count = Math.min(Integer.parseInt(header.substring("Private-Lines:".length()).strip()), 200);
                } catch (NumberFormatException e) {
                    count = 200;
                }
                StringBuilder body = new StringBuilder();
                for (int j = i + 1; j < lines.length() && j <= i + count; j++) {
                    String l = lines.get(j).strip();
                    if (l.startsWith("Private-") || !BASE64_CHARS.matcher(l).matches()) {
                        break;
                    }
                    body.append(l);
                }
                return body.length() >= 32 ? body.toString() : null;
            }
        }
        return null;
    }

    private static boolean pairNearby(Pattern pair, Lines lines, int index) {
        for (int i = Math.max(0, index - PAIR_WINDOW); i < Math.min(lines.length(), index + PAIR_WINDOW + 1); i++) {
            if (pair.matcher(lines.get(i)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Overlapping matches on one line are one secret: keep the most specific rule (priority, then non-generic). */
    private static List<Detection> resolve(List<Candidate> all) {
        List<Candidate> vetoes = all.stream().filter(Candidate::veto).toList();
        List<Candidate> found = new ArrayList<>();
        for (Candidate c : all) {
            if (!c.veto() && vetoes.stream().noneMatch(v -> v.line() == c.line()
                    && (c.column() < v.end() && v.column() < c.end() || c.subject().contains(v.subject())))) {
                found.add(c);
            }
        }
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
            out.add(new Detection(r.id(), r.category(), c.severity(), r.title(), c.line(), c.column(), c.subject(),
                    Redactor.redact(c.subject()), r.remediation(), c.properties()));
        }
        return out;
    }

    /** A document's lines, split on \r\n, \r or \n, each decoded from the UTF-8 bytes the first time it is asked for. */
    static final class Lines {
        private final byte[] text;
        /** Where each line starts (a byte offset). */
        final int[] starts;
        private final int[] ends;
        private final String[] cut;
        /** A '\r' not followed by '\n' ends a line here: old Mac text, or a stray byte. */
        final boolean bareCarriageReturn;
        final String path;

        Lines(byte[] text, String path) {
            this.text = text;
            this.path = path;
            int[] s = new int[64];
            int[] e = new int[64];
            int n = 0;
            int begin = 0;
            boolean bareCr = false;
            for (int i = 0; i < text.length; i++) {
                byte c = text[i];
                if (c > '\r') {
                    continue; // most bytes: one comparison, not two
                }
                if (c == '\n' || c == '\r') {
                    if (n + 1 >= s.length) {
                        s = java.util.Arrays.copyOf(s, s.length * 2);
                        e = java.util.Arrays.copyOf(e, e.length * 2);
                    }
                    s[n] = begin;
                    e[n++] = i;
                    if (c == '\r') {
                        if (i + 1 < text.length && text[i + 1] == '\n') {
                            i++;
                        } else {
                            bareCr = true;
                        }
                    }
                    begin = i + 1;
                }
            }
            s[n] = begin;
            e[n++] = text.length;
            this.starts = java.util.Arrays.copyOf(s, n);
            this.ends = e;
            this.cut = new String[n];
            this.bareCarriageReturn = bareCr;
        }

        int length() {
            return cut.length;
        }

        String get(int i) {
            String l = cut[i];
            if (l == null) {
                l = new String(text, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                cut[i] = l;
            }
            return l;
        }
    }

    /** @param veto the rule recognised the value and its token check rejected it: nothing is reported for it */
    private record Candidate(SecretRule rule, int line, int column, int end, String subject, Severity severity,
                             Map<String, String> properties, boolean veto) {
    }
}

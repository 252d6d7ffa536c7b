package dev.holdfast.rules.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a value a rule matched is a real secret, a weak one, or noise: placeholders, templates, environment
 * and secret-store lookups, documentation examples, hashes, UUIDs, integrity strings, identifiers and prose are noise;
 * default and demo passwords, values that spell a credential word or a name, and values with too little entropy for
 * their alphabet are weak, which is reported (with low confidence) only where the place says the value is used as it
 * stands: a credential file, deployed configuration, or a rule's credential position in code. The word lists, patterns
 * and places are data ({@code secrets/noise.yml}).
 */
final class NoiseFilter {
    private static final Pattern UUID = Pattern.compile(
            "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INTEGRITY = Pattern.compile("(?i)^(?:sha(?:1|224|256|384|512)|md5)[-:=].*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+|X-[A-Za-z]+(?:-[A-Za-z]+)*");
    private static final Pattern WORDISH = Pattern.compile(
            "[a-z]+(?:[-_. /:][a-z0-9]+)*|[A-Za-z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[-_ ][A-Z][a-z]+)*");
    private static final Pattern TWO_WORDS = Pattern.compile("[A-Za-z][A-Za-z'-]*(?:[ ,.:]+[A-Za-z][A-Za-z'-]*)+[.!?]?");
    private static final Pattern CONCATENATION = Pattern.compile(
            "^\\+\\s|\\s\\+$|[\"'`]\\s*\\+\\s|\\s\\+\\s*[\"'`]|^\\)\\.|\\)\\.\\w+\\(");
    private static final Pattern REGEX = Pattern.compile(
            "\\[\\^|\\\\[dwsbDWS]|\\(\\?[:<=!i]|\\[a-z|\\[A-Z|\\[0-9|\\.\\*|\\.\\+\\)|\\]\\+\\$|\\]\\{\\d");
    private static final Pattern PROSE = Pattern.compile("[A-Za-z][A-Za-z,.'!?:-]*(?: [A-Za-z,.'!?:-]+){2,}");
    private static final Pattern PATHISH = Pattern.compile(
            "(?i)(?:^(?:/|\\./|\\.\\./|~/|[a-z]:\\\\|classpath:|https?://[^:@/]+(?:[/:]|$))"
                    + "|\\.(?:pem|key|json|txt|p12|pfx|crt|cer|jks|yml|yaml|env|properties|xml|ini|conf|cfg|pub|gpg)$)");
    private static final Pattern CODE = Pattern.compile(
            "^(?:[A-Za-z_$][\\w.$]*\\(.*\\);?|(?:this|self|params|req|request|args|opts|options|config|cfg|props)"
                    + "[.\\[].*|[A-Za-z_]\\w*(?:::|->)\\w.*|\\(?\\w*\\)?\\s*=>.*)$");
    /** A dotted lower-case path is a reference in code and HCL (var.db_password, random_password.db.result). */
    private static final Pattern DOTTED_REFERENCE = Pattern.compile(
            "[a-z_][a-z0-9_-]*(?:\\.[a-z0-9_-]+(?:\\[[^\\]]{1,40}\\])?)+"
                    + "|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*){2,}");
    /** Words joined the way names are: a separator or a lower-to-upper case change (credit_card, creditCard). */
    private static final Pattern SEPARATED_WORDS = Pattern.compile("[A-Za-z][_\\s.-][A-Za-z]|[a-z][A-Z]");
    private static final Pattern UPPER_WORD = Pattern.compile("[A-Z]{3,24}");
    private static final Pattern BOOL_OR_SMALL_NUMBER = Pattern.compile("(?i)(?:true|false|yes|no|on|off|\\d{1,5})");

    private final Set<String> placeholderValues;
    private final List<Pattern> placeholderWords;
    private final List<Pattern> placeholderPatterns;
    private final List<Pattern> referencePatterns;
    private final List<Pattern> publicPatterns;
    private final List<String> knownExamples;
    private final Pattern lookup;
    private final Set<String> metaKeyTokens;
    private final Set<String> metaKeyPrefixes;
    private final List<String> strongKeyFragments;
    private final Set<String> hashContextTokens;
    private final List<Pattern> exampleFiles;
    private final Set<String> credentialWords;
    private final Set<String> defaultCredentials;
    private final List<Pattern> documentationHosts;
    private final List<Pattern> documentationFiles;
    private final List<Pattern> testPaths;
    private static final int EXAMPLE_FILE = 0;
    private static final int TEST_PATH = 1;
    private static final int DOCUMENTATION_FILE = 2;
    private static final int CREDENTIAL_FILE = 3;
    private static final int CONFIG_FILE = 4;
    /** The kinds of path above, per path (see {@link PathAnswers}). */
    private final PathAnswers pathKinds = new PathAnswers(5, this::pathKind);
    private final List<String> notSecretKeyTokens;
    private final List<Pattern> weakPatterns;
    private final Set<String> technicalValues;
    private final List<Pattern> credentialFiles;
    private final List<Pattern> configFiles;

    /** Where a value sits, which decides whether a weak value there is still reported. */
    enum Place {
        TEST, DOCUMENTATION, EXAMPLE, CREDENTIAL_FILE, CONFIG, CODE
    }

    /**
     * The verdict on a value: {@code noise} (not reported, and why), {@code weak} (reported with low confidence, and
     * why), or neither (a credential).
     */
    record Verdict(String noise, String weak) {
        static final Verdict CREDENTIAL = new Verdict(null, null);

        static Verdict noise(String why) {
            return new Verdict(why, null);
        }

        boolean reported() {
            return noise == null;
        }
    }

    /**
     * The first reason a value is weak. Where weak values are not reported, the first reason is also the reason to
     * drop it; where they are, later checks still run, since a value can be weak-looking and noise (a name in a
     * sentence).
     */
    private static final class Weakness {
        private final boolean reported;
        private final boolean credentialFile;
        private String why;

        Weakness(boolean reported, boolean credentialFile) {
            this.reported = reported;
            this.credentialFile = credentialFile;
        }

        /**
         * Records a password named after what it is for (postgres for POSTGRES_PASSWORD, the user name, the host):
         * the service's local-development default, dropped everywhere but in a credential file, where every saved
         * password is one in use. True when the value is to be dropped for it.
         */
        boolean namedDefault(String reason) {
            return !credentialFile || add(reason);
        }

        /** Records a reason; true when the value is to be dropped for it. */
        boolean add(String reason) {
            if (why == null) {
                why = reason;
            }
            return !reported;
        }
    }

    private NoiseFilter(Map<String, List<String>> data) {
        placeholderValues = Set.copyOf(data.get("placeholderValues").stream().map(NoiseFilter::lower).toList());
        placeholderWords = data.get("placeholderWords").stream()
                .map(w -> Pattern.compile("(?i)(?:^|[^a-z0-9])" + Pattern.quote(w) + "(?:$|[^a-z0-9])"))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        data.get("placeholderPrefixes").forEach(w -> placeholderWords.add(Pattern.compile("(?i)^" + Pattern.quote(w))));
        placeholderPatterns = compileAll(data.get("placeholderPatterns"), true);
        referencePatterns = compileAll(data.get("referencePatterns"), false);
        publicPatterns = compileAll(data.get("publicPatterns"), false);
        knownExamples = List.copyOf(data.get("knownExamples"));
        lookup = Pattern.compile("(?i)" + String.join("|", data.get("lookupPatterns")));
        metaKeyTokens = Set.copyOf(data.get("metaKeyTokens").stream().map(NoiseFilter::lower).toList());
        metaKeyPrefixes = Set.copyOf(data.get("metaKeyPrefixes").stream().map(NoiseFilter::lower).toList());
        strongKeyFragments = List.copyOf(data.get("strongKeyFragments"));
        hashContextTokens = Set.copyOf(data.get("hashContextTokens"));
        exampleFiles = data.get("exampleFiles").stream().map(Glob::compile).toList();
        credentialWords = Set.copyOf(data.get("credentialWords").stream().map(NoiseFilter::lower).toList());
        defaultCredentials = Set.copyOf(data.get("defaultCredentials").stream().map(NoiseFilter::lower).toList());
        documentationHosts = compileAll(data.get("documentationHosts"), true);
        documentationFiles = data.get("documentationFiles").stream().map(Glob::compile).toList();
        testPaths = data.get("testPaths").stream().map(Glob::compile).toList();
        notSecretKeyTokens = List.copyOf(data.get("notSecretKeyTokens"));
        weakPatterns = compileAll(data.get("weakPatterns"), true);
        technicalValues = Set.copyOf(data.get("technicalValues").stream().map(NoiseFilter::lower).toList());
        credentialFiles = data.get("credentialFiles").stream().map(Glob::compile).toList();
        configFiles = data.get("configFiles").stream().map(Glob::compile).toList();
    }

    /**
     * A value a rule matched, with what the line says around it.
     *
     * @param key    the key the value was assigned to, or null for rules without a key group
     * @param before the text of the line between the key (or the match start) and the value
     * @param after  the text of the line right after the value (up to a few dozen characters)
     * @param user   the user name next to the value (URLs, {@code curl -u}), or null
     * @param host   the host the credential is for (URLs), or null
     */
    record Match(String path, String key, String value, String before, String after, String user, String host) {
    }

    static NoiseFilter builtin() {
        String resource = "/dev/holdfast/rules/secrets/noise.yml";
        try (InputStream in = NoiseFilter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Map<String, List<String>> data = new ObjectMapper(new YAMLFactory()).readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, List<String>>>() {
                    });
            return new NoiseFilter(data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** A file that documents a configuration (.env.example, config.sample.yml), where generic rules stay quiet. */
    boolean exampleFile(String path) {
        return pathKinds.get(EXAMPLE_FILE, path);
    }

    /** A test file or folder: a generic-rule hit there is not reported as high (see {@link SecretDetector}). */
    boolean testPath(String path) {
        return pathKinds.get(TEST_PATH, path);
    }

    /** A file that documents (Markdown, reStructuredText, docs folders): generic rules need a random value there. */
    boolean documentationFile(String path) {
        return pathKinds.get(DOCUMENTATION_FILE, path);
    }

    private boolean pathKind(int kind, String path) {
        return matchesAny(switch (kind) {
            case EXAMPLE_FILE -> exampleFiles;
            case TEST_PATH -> testPaths;
            case DOCUMENTATION_FILE -> documentationFiles;
            case CREDENTIAL_FILE -> credentialFiles;
            default -> configFiles;
        }, path);
    }

    /** Where the file sits in the policy: tests, documentation and example files first, then what it holds. */
    Place place(String path) {
        if (testPath(path)) {
            return Place.TEST;
        }
        if (documentationFile(path)) {
            return Place.DOCUMENTATION;
        }
        if (exampleFile(path)) {
            return Place.EXAMPLE;
        }
        if (pathKinds.get(CREDENTIAL_FILE, path)) {
            return Place.CREDENTIAL_FILE;
        }
        return pathKinds.get(CONFIG_FILE, path) ? Place.CONFIG : Place.CODE;
    }

    /** A weak value is a weak credential where it is used as it stands; elsewhere it is a demo default or fixture. */
    private boolean weakReported(SecretRule rule, Place place) {
        return place == Place.CREDENTIAL_FILE || place == Place.CONFIG
                || place == Place.CODE && rule.credentialPosition();
    }

    private static boolean matchesAny(List<Pattern> globs, String path) {
        String p = path == null ? "" : path;
        return globs.stream().anyMatch(g -> g.matcher(p).matches());
    }

    /** Why the value is noise, or null when it should be reported (weak or not). */
    String noise(SecretRule rule, Match match) {
        return judge(rule, match).noise();
    }

    /** The verdict on a value: noise, weak (reported with low confidence) or a credential. */
    Verdict judge(SecretRule rule, Match match) {
        if (match.user() != null && match.value().contains("%")) {
            // user:p%40ss@host: judge the password the URL carries, not its encoding
            match = new Match(match.path(), match.key(), percentDecoded(match.value()), match.before(), match.after(),
                    match.user(), match.host());
        }
        String value = match.value();
        String key = match.key();
        String before = match.before();
        if (value.isEmpty() || value.length() < Math.max(1, rule.minLength())) {
            return Verdict.noise("too short");
        }
        Place place = place(match.path());
        Weakness weak = new Weakness(weakReported(rule, place), place == Place.CREDENTIAL_FILE);
        String lower = lower(value);
        if (placeholderValues.contains(lower)) {
            return Verdict.noise("placeholder");
        }
        if (credentialWords.contains(lower)
                && (place != Place.CREDENTIAL_FILE || weak.add("a credential word as the password"))) {
            return Verdict.noise("placeholder");
        }
        String why = noiseBeforeWeakness(value, before);
        if (why != null) {
            return Verdict.noise(why);
        }
        for (Pattern p : weakPatterns) {
            if (p.matcher(value).find() && weak.add("a guessable password")) {
                return Verdict.noise("a guessable password");
            }
        }
        if (rule.entropy() > 0 && lowEntropy(value, rule.entropy()) && weak.add("low entropy")) {
            return Verdict.noise("low entropy");
        }
        why = defaultCredential(match, weak);
        if (why != null) {
            return Verdict.noise(why);
        }
        if (key != null && rule.assignment() == null) {
            // Whatever the rule, a value that is code or a name is not a secret: password=self.password, _auth.get(j).
            // (An assignment rule declares its value's shape, a token format, and checks it is no identifier.)
            why = ValueShape.notALiteral(value, before, match.after());
            if (why != null) {
                return Verdict.noise(why);
            }
        }
        if (rule.generic()) {
            why = genericNoise(rule, match, weak);
            if (why != null) {
                return Verdict.noise(why);
            }
        }
        return weak.why == null ? Verdict.CREDENTIAL : new Verdict(null, weak.why);
    }

    /** Placeholders, templates, lookups, documented examples, public values and repeated characters: never secrets. */
    private String noiseBeforeWeakness(String value, String before) {
        for (Pattern p : referencePatterns) {
            if (p.matcher(value).find()) {
                return "reference";
            }
        }
        if (lookup.matcher(value).find() || (before != null && lookup.matcher(before).find())) {
            return "lookup";
        }
        for (Pattern p : placeholderPatterns) {
            if (p.matcher(value).find()) {
                return "placeholder";
            }
        }
        for (Pattern p : placeholderWords) {
            if (p.matcher(value).find()) {
                return "placeholder";
            }
        }
        for (String known : knownExamples) {
            if (value.contains(known)) {
                return "documented example value";
            }
        }
        for (Pattern p : publicPatterns) {
            if (p.matcher(value).find()) {
                return "public or test-only value";
            }
        }
        return repetitive(value) ? "repeated characters" : null;
    }

    /**
     * The one policy on default and example credentials, for URL, keyword and credential-file rules alike: any
     * credential for a documentation host (example.com, *.test, *.invalid) is an example (noise); a password equal to
     * the user name or to the service or project it is for (the host, a folder of the path; a key token in the keyword
     * rules) is that service's local-development default (noise, but weak in a credential file); a well-known default
     * or demo password is weak.
     *
     * @return why the value is noise, or null (weak reasons go to {@code weak})
     */
    private String defaultCredential(Match m, Weakness weak) {
        String v = lower(m.value());
        if (m.host() != null) {
            String host = lower(m.host());
            for (Pattern p : documentationHosts) {
                if (p.matcher(host).find()) {
                    return "documentation host";
                }
            }
        }
        if (m.user() != null && v.length() < 4) {
            return "too short to be a password"; // https://a:b@host, u:p@h.com, val:psw@
        }
        String named = null;
        if (m.host() != null && (v.equals(lower(m.host()))
                || m.host().indexOf('.') > 0 && v.equals(lower(m.host().substring(0, m.host().indexOf('.')))))) {
            named = "default named after the host";
        } else if (m.user() != null && v.equals(lower(m.user()))) {
            named = "password equal to the user name";
        } else if (v.length() >= 3 && v.chars().allMatch(Character::isLetter)) {
            String[] segments = (m.path() == null ? "" : lower(m.path())).split("/");
            for (int i = 0; i < segments.length - 1 && named == null; i++) {
                if (segments[i].equals(v)) {
                    named = "default named after the project";
                }
            }
        }
        if (named != null && weak.namedDefault(named)) {
            return named;
        }
        return defaultCredentials.contains(v) && weak.add("default credential") ? "default credential" : null;
    }

    /** The keyword rules' own checks: is the key a credential's name, and is the value one? Weak reasons go to weak. */
    private String genericNoise(SecretRule rule, Match match, Weakness weak) {
        String key = match.key();
        String value = match.value();
        // Only the last segment of a dotted key names the value: db.password.min.length is a length.
        String name = key == null ? "" : key;
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && dot < name.length() - 1) {
            name = name.substring(dot + 1);
        }
        List<String> tokens = tokens(name);
        int last = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (isKeyWord(tokens.get(i), rule.keyWords())) {
                last = i;
            }
        }
        if (last < 0) {
            return "key does not name a secret";
        }
        for (int i = last + 1; i < tokens.size(); i++) {
            if (metaKeyTokens.contains(tokens.get(i))) {
                return "key is about the secret, not the secret";
            }
        }
        if (!tokens.isEmpty() && metaKeyPrefixes.contains(tokens.get(0)) && last > 0) {
            return "key is a question or action";
        }
        String flatKey = lower(key == null ? "" : key).replaceAll("[^a-z0-9]", "");
        for (String t : notSecretKeyTokens) {
            if (tokens.contains(t) || t.length() >= 4 && flatKey.contains(t)) {
                return "public or per-session value (" + t + ")";
            }
        }
        if (rule.strongKey() && !strongKey(key) && !ValueShape.random(value)) {
            // ("auth", "0011_update_proxy_permissions"), singletonMap("partitionKey", ...), ("PW", "Palau"); but
            // define('LOGGED_IN_KEY', '<64 random characters>') is a key whatever its name says
            return "a pair whose first string does not name a credential";
        }
        if (technicalValues.contains(lower(value))) {
            return "an encoding or algorithm name"; // writeString('mysql_native_password', 'latin1')
        }
        List<String> words = ValueShape.nameWords(value);
        boolean separated = SEPARATED_WORDS.matcher(value).find();
        boolean passwordRule = rule.entropy() == 0;
        if (words != null) {
            boolean credentialName = words.stream().anyMatch(this::namesACredential) || words.equals(tokens(name));
            if (passwordRule && credentialName && value.indexOf(' ') < 0) {
                // PASSWORD_TOO_COMMON = "password_too_common" in code; IRC_PASS=irc_pass in a config file
                if (weak.add("a name-like password")) {
                    return "a name, not a value";
                }
            } else if (!passwordRule || rule.strongKey() && separated || credentialName) {
                // password = mavenPassword, "YourAccessTokenHere", schemaKey = 'DOC_Vector_5_32'
                return "a name, not a value";
            }
        }
        if (ValueShape.text(value)) {
            return "text with spaces"; // 'The two password fields didn’t match.', a cookie header
        }
        if (rule.entropy() > 0 && UPPER_WORD.matcher(value).matches()) {
            return "an upper-case word"; // "EXPORTABLE", 'RDBCHANNEL': an enum value, not a token
        }
        if (match.before() != null && match.before().matches("\\s+\\(.*")) {
            return "a word before a parenthesis (prose)"; // "... yielded as a token (`TokenStream#next`) ..."
        }
        if (match.before() != null && match.before().replaceAll("[rbuf@]?[\"'`]$", "").strip().endsWith("(")
                && (value.contains(" ")
                || value.matches("[a-z]{2,12}"))) {
            return "a sentence or a word passed to a method"; // t.pass("token refreshed"), t.pass('equal')
        }
        if (words != null && separated && value.chars().noneMatch(Character::isDigit)
                && words.stream().allMatch(w -> w.length() >= 2) && (!passwordRule || weak.add("a name-like password"))) {
            return "an identifier"; // 'allPass': 'overEvery', storageKey = '_sf2_attributes'
        }
        if (value.matches("[a-z]{2,20}") && match.after() != null && match.after().matches("\\s+[a-z]+\\s+[a-z]+.*")) {
            return "a word in a sentence"; // "# ... but --password suffers from the same"
        }
        if (documentationFile(match.path()) && (value.length() < 10 || Entropy.shannon(value) < 3.0
                || WORDISH.matcher(value).matches()
                || ValueShape.nameWords(value.replaceAll("[^A-Za-z0-9]+", "-")) != null)) {
            return "an example in documentation";
        }
        String lowerValue = value.toLowerCase(java.util.Locale.ROOT);
        for (String t : tokens(key == null ? "" : key)) {
            // POSTGRES_PASSWORD=postgres, RABBITMQ_PASS=rabbitmq: a service's default, named after the service.
            if (t.length() >= 3 && t.equals(lowerValue) && !isKeyWord(t, rule.keyWords())
                    && weak.namedDefault("default named after the service")) {
                return "default named after the service";
            }
        }
        String decoded = decodedBase64(value);
        if (decoded != null && (placeholderValues.contains(decoded.toLowerCase(java.util.Locale.ROOT))
                || WEAK_DECODED.contains(decoded.toLowerCase(java.util.Locale.ROOT)))) {
            return "base64 of a placeholder";
        }
        boolean strong = strongKey(key);
        if (UUID.matcher(value).matches() && !strong) {
            return "uuid";
        }
        if (INTEGRITY.matcher(value).matches()) {
            return "integrity string";
        }
        int n = value.length();
        boolean hashContext = tokens(key == null ? "" : key).stream().anyMatch(hashContextTokens::contains);
        if (!strong && hashContext && Entropy.isHex(value) && (n == 32 || n == 40 || n == 64 || n == 128)) {
            return "hash";
        }
        if (BOOL_OR_SMALL_NUMBER.matcher(value).matches() && (!passwordRule || !value.matches("\\d+")
                || weak.add("a short number"))) {
            return "boolean or number";
        }
        if (DOTTED_REFERENCE.matcher(value).matches()) {
            return "reference";
        }
        if (ENV_NAME.matcher(value).matches()) {
            return "variable name";
        }
        if (PROSE.matcher(value).matches() || (rule.entropy() > 0 && TWO_WORDS.matcher(value).matches())) {
            return "prose";
        }
        if (CONCATENATION.matcher(value).find()) {
            return "string concatenation";
        }
        if (REGEX.matcher(value).find()) {
            return "regular expression";
        }
        if (value.contains("\\\"") || value.contains("\\n")) {
            return "escaped text (a string holding code or data)";
        }
        if (key != null && key.replaceAll("^[-_$@]+", "").equalsIgnoreCase("key") && rule.entropy() > 0
                && (!value.matches("[A-Za-z0-9+/=_-]+") || Entropy.shannon(value) < 4.0)) {
            return "a bare 'key' needs a random value";
        }
        if (value.regionMatches(true, 0, "http", 0, 4) && value.matches("(?i)https?://[^@\\s]+")) {
            return "url"; // a URL without user:password@ (those are the URL rules'), e.g. Encryption: https://keys...
        }
        if (PATHISH.matcher(value).find() && !randomSegment(value)) {
            return "path or url";
        }
        if (CODE.matcher(value).find()) {
            return "code";
        }
        if (rule.entropy() > 0 && WORDISH.matcher(value).matches()) {
            return "words";
        }
        return null;
    }

    private static String percentDecoded(String v) {
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length() && Character.digit(v.charAt(i + 1), 16) >= 0
                    && Character.digit(v.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A path-looking value whose longest '/'-separated segment is long and random is base64, not a path. */
    private static boolean randomSegment(String value) {
        for (String seg : value.split("/")) {
            if (seg.length() >= 16 && Entropy.shannon(seg) > 3.5 && !seg.contains(".")) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> WEAK_DECODED = Set.of("password", "secret", "admin", "changeme", "pass",
            "user:password", "admin:admin", "user:pass", "username:password");

    /** The text a base64 value encodes, when it is printable ASCII; null otherwise. */
    static String decodedBase64(String value) {
        if (value.length() < 8 || value.length() % 4 != 0 || !value.matches("[A-Za-z0-9+/]+={0,2}")) {
            return null;
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(value);
            for (byte b : bytes) {
                if (b < 0x20 || b > 0x7e) {
                    return null;
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A word that names a credential (password, token, secret, key...), or a word that is one with a suffix. */
    private boolean namesACredential(String word) {
        return credentialWords.contains(word) || strongKeyFragments.stream().anyMatch(word::contains);
    }

    private boolean isKeyWord(String token, List<String> keyWords) {
        for (String w : keyWords) {
            if (token.equals(w) || token.equals(w + "s") || (w.length() >= 6 && token.contains(w))) {
                return true;
            }
        }
        return false;
    }

    boolean strongKey(String key) {
        if (key == null) {
            return false;
        }
        String k = lower(key).replaceAll("[^a-z0-9]", "");
        return strongKeyFragments.stream().anyMatch(k::contains);
    }

    /** Splits a key like {@code AWS_SECRET_ACCESS_KEY}, {@code userPassword} or {@code db.pass} into lower tokens. */
    static List<String> tokens(String key) {
        List<String> out = new ArrayList<>();
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        for (String t : spaced.split("[^A-Za-z0-9]+")) {
            if (!t.isEmpty()) {
                out.add(lower(t));
            }
        }
        return out;
    }

    /** Few distinct characters, mostly ascending runs, or a short unit repeated ("aaaaaaaa", "123456789", "abcabc"). */
    static boolean repetitive(String v) {
        int n = v.length();
        if (n < 6) {
            return v.chars().distinct().count() <= 1 && n > 2;
        }
        if (v.chars().distinct().count() <= 2) {
            return true;
        }
        int ascending = 0;
        for (int i = 1; i < n; i++) {
            if (Character.toLowerCase(v.charAt(i)) == Character.toLowerCase(v.charAt(i - 1)) + 1) {
                ascending++;
            }
        }
        if (ascending * 2 >= n) {
            return true;
        }
        for (int unit = 1; unit <= 16 && unit * 5 <= n * 2; unit++) {
            int same = 0;
            for (int i = unit; i < n; i++) {
                if (v.charAt(i) == v.charAt(i - unit)) {
                    same++;
                }
            }
            // 90% rather than all: base64 of a repeated word ends in a few different padding characters.
            if (same >= (n - unit) * 0.9) {
                return true;
            }
        }
        return false;
    }

    /** Entropy below the rule's bar; hex can carry at most 4 bits a character, so its bar is lower. */
    static boolean lowEntropy(String v, double threshold) {
        double bar = Entropy.isHex(v) ? Math.min(threshold, 3.0) : threshold;
        // A short value cannot reach a high figure even when random: cap the bar by what its length allows.
        bar = Math.min(bar, Math.log(v.length()) / Math.log(2) * 0.85);
        return Entropy.shannon(v) < bar;
    }

    private static List<Pattern> compileAll(List<String> regexes, boolean caseInsensitiveExceptExample) {
        List<Pattern> out = new ArrayList<>();
        for (String r : regexes) {
            // "EXAMPLE" in capitals is the documentation convention (AKIAIOSFODNN7EXAMPLE); keep it case-sensitive.
            boolean ci = caseInsensitiveExceptExample && !r.equals("EXAMPLE");
            out.add(Pattern.compile(ci ? "(?i)" + r : r));
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package dev.holdfast.scanner.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The project's {@code .holdfast.yml}. Unknown keys are errors, not silently ignored: a typo in a security tool's
 * config must not turn a check off. Sections owned by other components ({@code identities}, {@code cloud}) are kept
 * as trees and validated by their owners.
 *
 * <pre>
 * paths:
 *   ignore: ["fixtures/**", "*.min.js"]      # globs relative to the scanned root
 * rules:
 *   disable: [generic-password]
 *   files: [.holdfast/rules.yml]              # extra rule files, inside the repository
 * allow:
 *   values: [&lt;sha256 hex of an allowed value&gt;]
 * scan:
 *   maxFileSize: 10MB
 *   threads: 4
 * identities: {agents: [{name: "^ci-agent$"}], bots: [], humans: []}
 * thresholds: {azurePasswordMaxDays: 180}
 * cloud: {...}
 * </pre>
 */
public final class HoldfastConfig {
    public static final String FILE_NAME = ".holdfast.yml";
    public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    private static final Set<String> TOP = Set.of("version", "paths", "rules", "allow", "scan", "identities",
            "thresholds", "cloud");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path source;
    private final List<String> ignoreGlobs;
    private final List<PathMatcher> ignoreMatchers;
    private final Set<String> disabledRules;
    private final List<Path> ruleFiles;
    private final Set<String> allowedValueHashes;
    private final long maxFileSize;
    private final int threads;
    private final JsonNode identities;
    private final Map<String, String> thresholds;
    private final JsonNode cloud;

    private HoldfastConfig(Path source, List<String> ignoreGlobs, Set<String> disabledRules, List<Path> ruleFiles,
                           Set<String> allowedValueHashes, long maxFileSize, int threads, JsonNode identities,
                           Map<String, String> thresholds, JsonNode cloud) {
        this.source = source;
        this.ignoreGlobs = List.copyOf(ignoreGlobs);
        this.ignoreMatchers = ignoreGlobs.stream().map(HoldfastConfig::matcher).toList();
        this.disabledRules = Collections.unmodifiableSet(new LinkedHashSet<>(disabledRules));
        this.ruleFiles = List.copyOf(ruleFiles);
        this.allowedValueHashes = Set.copyOf(allowedValueHashes);
        this.maxFileSize = maxFileSize;
        this.threads = threads;
        this.identities = identities;
        this.thresholds = Collections.unmodifiableMap(new TreeMap<>(thresholds));
        this.cloud = cloud;
    }

    /** No file: every default. */
    public static HoldfastConfig defaults() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return new HoldfastConfig(null, List.of(), Set.of(), List.of(), Set.of(), DEFAULT_MAX_FILE_SIZE,
                defaultThreads(), f.objectNode(), Map.of(), f.objectNode());
    }

    /**
     * Loads {@code explicit} when given (it must exist), else {@code root/.holdfast.yml} when present, else defaults.
     *
     * @throws ConfigException with a one-line reason
     */
    public static HoldfastConfig load(Path root, Path explicit) {
        Path file = explicit != null ? explicit : root.resolve(FILE_NAME);
        if (explicit == null && !Files.isRegularFile(file)) {
            return defaults();
        }
        String text;
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw new ConfigException(file + ": config file is larger than 1 MiB");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException(file + ": cannot read config (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, file, root);
    }

    /** Parses config text; {@code root} is where relative rule files resolve and must stay. */
    public static HoldfastConfig parse(String text, Path file, Path root) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException(file + where + ": malformed YAML (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return defaults();
        }
        Reader r = new Reader(file);
        r.requireObject(tree, "top level");
        r.onlyKeys(tree, TOP, "");
        if (tree.has("version") && !(tree.get("version").canConvertToInt() && tree.get("version").asInt() == 1)) {
            throw new ConfigException(file + ": unsupported config version '" + tree.get("version").asText()
                    + "' (this holdfast understands version 1)");
        }

        JsonNode paths = r.section(tree, "paths", Set.of("ignore"));
        List<String> ignore = r.strings(paths, "ignore", "paths.ignore");
        for (String glob : ignore) {
            try {
                matcher(glob);
            } catch (RuntimeException e) {
                throw new ConfigException(file + ": paths.ignore: invalid glob '" + glob + "'");
            }
        }

        JsonNode rules = r.section(tree, "rules", Set.of("disable", "files"));
        List<String> disable = r.strings(rules, "disable", "rules.disable");
        List<Path> ruleFiles = new ArrayList<>();
        for (String rf : r.strings(rules, "files", "rules.files")) {
            ruleFiles.add(insideRoot(file, root, rf, "rules.files"));
        }

        JsonNode allow = r.section(tree, "allow", Set.of("values"));
        Set<String> values = new LinkedHashSet<>();
        for (String v : r.strings(allow, "values", "allow.values")) {
            String h = v.trim().toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(h).matches()) {
                throw new ConfigException(file + ": allow.values: '" + abbreviate(v)
                        + "' is not a SHA-256 hex digest (64 hex characters); list the hash of the value, never the value");
            }
            values.add(h);
        }

        JsonNode scan = r.section(tree, "scan", Set.of("maxFileSize", "threads"));
        long maxSize = DEFAULT_MAX_FILE_SIZE;
        if (scan.has("maxFileSize")) {
            try {
                maxSize = SizeParser.parse(scan.get("maxFileSize").asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": scan.maxFileSize: " + e.getMessage());
            }
        }
        int threads = defaultThreads();
        if (scan.has("threads")) {
            JsonNode t = scan.get("threads");
            if (!t.canConvertToInt() || t.asInt() < 1 || t.asInt() > 256) {
                throw new ConfigException(file + ": scan.threads must be a whole number from 1 to 256");
            }
            threads = t.asInt();
        }

        JsonNode identities = tree.has("identities") ? tree.get("identities") : JsonNodeFactory.instance.objectNode();
        r.requireObject(identities, "identities");
        Map<String, String> thresholds = new TreeMap<>();
        JsonNode th = tree.has("thresholds") ? tree.get("thresholds") : JsonNodeFactory.instance.objectNode();
        r.requireObject(th, "thresholds");
        for (Iterator<Map.Entry<String, JsonNode>> it = th.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new ConfigException(file + ": thresholds." + e.getKey() + " must be a number or a word");
            }
            thresholds.put(e.getKey(), e.getValue().asText());
        }
        JsonNode cloud = tree.has("cloud") ? tree.get("cloud") : JsonNodeFactory.instance.objectNode();
        r.requireObject(cloud, "cloud");
        return new HoldfastConfig(file, ignore, new LinkedHashSet<>(disable), ruleFiles, values, maxSize, threads,
                identities, thresholds, cloud);
    }

    private static Path insideRoot(Path file, Path root, String relative, String key) {
        Path base = root.toAbsolutePath().normalize();
        Path p;
        try {
            p = base.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            // e.g. a NUL character: never a path on any file system
            throw new ConfigException(file + ": " + key + ": '" + relative.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a valid path");
        }
        if (!p.startsWith(base)) {
            throw new ConfigException(file + ": " + key + ": '" + relative + "' points outside the repository");
        }
        try {
            if (Files.exists(p) && !p.toRealPath().startsWith(base.toRealPath())) {
                throw new ConfigException(file + ": " + key + ": '" + relative
                        + "' is a link that points outside the repository");
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": " + key + ": cannot resolve '" + relative + "'");
        }
        return p;
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    private static int defaultThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String abbreviate(String v) {
        return v.length() <= 12 ? v : v.substring(0, 8) + "…";
    }

    /** True when a relative path ('/' separated) matches a {@code paths.ignore} glob, or sits under one. */
    public boolean isIgnored(String relativePath) {
        if (ignoreMatchers.isEmpty()) {
            return false;
        }
        Path p = Path.of(relativePath);
        for (PathMatcher m : ignoreMatchers) {
            if (m.matches(p) || m.matches(p.getFileName())) {
                return true;
            }
            for (Path parent = p.getParent(); parent != null; parent = parent.getParent()) {
                if (m.matches(parent)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SHA-256 hex digest that {@code allow.values} lists for a value. */
    public static String valueHash(String value) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isAllowedValue(String value) {
        return !allowedValueHashes.isEmpty() && allowedValueHashes.contains(valueHash(value));
    }

    /** The file this config came from, or null for defaults. */
    public Path source() {
        return source;
    }

    public List<String> ignoreGlobs() {
        return ignoreGlobs;
    }

    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** Extra rule files, absolute, each inside the repository. */
    public List<Path> ruleFiles() {
        return ruleFiles;
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    public int threads() {
        return threads;
    }

    /** The {@code identities} section, validated by the identity classifier. */
    public JsonNode identities() {
        return identities;
    }

    /** Named thresholds (e.g. {@code azurePasswordMaxDays}), as text; owners parse and validate. */
    public Map<String, String> thresholds() {
        return thresholds;
    }

    /** The {@code cloud} section, validated by the cloud commands. */
    public JsonNode cloud() {
        return cloud;
    }

    /** Strict readers that name the file and key in every error. */
    private record Reader(Path file) {
        void requireObject(JsonNode node, String where) {
            if (!node.isObject()) {
                throw new ConfigException(file + ": " + where + " must be a mapping");
            }
        }

        void onlyKeys(JsonNode node, Set<String> allowed, String prefix) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new ConfigException(file + ": unknown key '" + prefix + k + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }

        JsonNode section(JsonNode tree, String name, Set<String> keys) {
            JsonNode s = tree.get(name);
            if (s == null || s.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            requireObject(s, name);
            onlyKeys(s, keys, name + ".");
            return s;
        }

        List<String> strings(JsonNode section, String key, String where) {
            JsonNode n = section.get(key);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw new ConfigException(file + ": " + where + " must be a list");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw new ConfigException(file + ": " + where + " entries must be non-empty strings");
                }
                out.add(e.asText());
            }
            return out;
        }
    }
}

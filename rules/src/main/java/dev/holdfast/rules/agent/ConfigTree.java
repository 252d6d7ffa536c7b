package dev.holdfast.rules.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.DetectorException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent configuration file parsed by a real parser (Jackson for JSON with comments, YAML and TOML) into a tree,
 * with the 1-based line of every value by its JSON pointer, so that findings point into the file. Whatever the
 * parser refuses, and files too large or too deeply nested for a configuration, are one {@link DetectorException}
 * naming the file: a per-file warning, never a crash.
 */
public final class ConfigTree {
    /** No agent configuration is anywhere near this; larger files are generated or hostile. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Agent configurations nest a handful of levels; anything deeper is refused before it can exhaust a stack. */
    public static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_BYTES).build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(yamlLimits())
            .streamReadConstraints(LIMITS).build();
    private static final TomlMapper TOML = TomlMapper.builder().build();

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final String text;

    private ConfigTree(JsonNode root, Map<String, Integer> lines, String text) {
        this.root = root;
        this.lines = lines;
        this.text = text;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(20);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(MAX_BYTES);
        o.setAllowDuplicateKeys(true);
        return o;
    }

    /**
     * @param format json, yaml or toml
     * @throws DetectorException (one line, starting with the path) when the file cannot be read as a configuration
     */
    public static ConfigTree parse(String format, String path, String text) {
        if (text.length() > MAX_BYTES) {
            throw new DetectorException(path + ": " + text.length() + " characters is too large for an agent "
                    + "configuration (limit " + MAX_BYTES + "); not read");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            return switch (format) {
                case "json" -> streamed(JSON, body);
                case "yaml" -> streamed(YAML, body);
                case "toml" -> toml(path, body);
                default -> throw new IllegalArgumentException("unknown configuration format " + format);
            };
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw failure(path, format, line, e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("unknown configuration format")) {
                throw iae;
            }
            // snakeyaml's own limits (aliases, nesting, size) surface as runtime exceptions through Jackson.
            throw failure(path, format, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /**
     * One line naming the file, the line and the parser's reason, without any of the file's text: parsers quote the
     * offending token or line, which in a configuration may be a credential.
     */
    private static DetectorException failure(String path, String format, int line, String reason, Exception e) {
        String why = reason == null ? "" : reason;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                why = y.getProblem() == null ? "" : y.getProblem();
                line = y.getProblemMark() == null ? line : y.getProblemMark().getLine() + 1;
            }
        }
        why = why.replaceAll("(?s)\\s*\\(?(start marker )?at \\[Source.*", "")
                .replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\s+", " ").trim();
        return new DetectorException(path + (line > 0 ? ":" + line : "") + ": not valid "
                + format.toUpperCase(java.util.Locale.ROOT) + (why.isEmpty() ? "" : ": " + why), e);
    }

    /** An object tree built token by token, recording the line each value starts on. */
    private static ConfigTree streamed(JsonFactory factory, String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new ConfigTree(NODES.objectNode(), lines, text);
            }
            JsonNode root = read(p, t, "", lines);
            return new ConfigTree(root, lines, text);
        }
    }

    private static JsonNode read(JsonParser p, JsonToken t, String pointer, Map<String, Integer> lines)
            throws IOException {
        lines.put(pointer, Math.max(1, p.currentTokenLocation().getLineNr()));
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    o.set(name, read(p, v, pointer + "/" + escape(name), lines));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY && v != null) {
                    a.add(read(p, v, pointer + "/" + a.size(), lines));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    /** TOML through Jackson's TOML parser; lines are found afterwards from table headers and keys. */
    private static ConfigTree toml(String path, String text) throws IOException {
        int depth = bracketDepth(text);
        if (depth > MAX_DEPTH) {
            throw new DetectorException(path + ": nested " + depth + " levels deep; an agent configuration nests at "
                    + "most " + MAX_DEPTH + "; not read");
        }
        JsonNode root = TOML.readTree(text);
        return new ConfigTree(root == null ? NODES.objectNode() : root, new HashMap<>(), text);
    }

    /** The deepest nesting of brackets and braces outside strings and comments (TOML's parser recurses on them). */
    static int bracketDepth(String text) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote || c == '\n') {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                comment = true;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    public JsonNode root() {
        return root;
    }

    /**
     * The line a value starts on, by the keys and indexes that lead to it; the nearest enclosing value's line when
     * the parser gave none (TOML: the key's line after its table header, else the header).
     */
    public int line(List<String> path) {
        StringBuilder pointer = new StringBuilder();
        for (String p : path) {
            pointer.append('/').append(escape(p));
        }
        String ptr = pointer.toString();
        if (lines.isEmpty()) {
            return tomlLine(path);
        }
        while (true) {
            Integer l = lines.get(ptr);
            if (l != null) {
                return l;
            }
            int cut = ptr.lastIndexOf('/');
            if (cut < 0) {
                return 1;
            }
            ptr = ptr.substring(0, cut);
        }
    }

    public int line(String... path) {
        return line(List.of(path));
    }

    private int tomlLine(List<String> path) {
        String[] rows = text.split("\n", -1);
        // The table that holds the value: the longest prefix of the path written as a [header].
        int start = 0;
        int consumed = 0;
        for (int n = path.size(); n > 0; n--) {
            Pattern header = Pattern.compile("^\\s*\\[\\[?\\s*" + dotted(path.subList(0, n)) + "\\s*]]?\\s*(#.*)?$");
            for (int i = 0; i < rows.length; i++) {
                if (header.matcher(rows[i]).matches()) {
                    start = i;
                    consumed = n;
                    break;
                }
            }
            if (consumed > 0) {
                break;
            }
        }
        if (consumed == path.size()) {
            return start + 1;
        }
        // The next key below that header (a dotted or quoted key is matched on its first part).
        Pattern key = Pattern.compile("^\\s*[\"']?" + Pattern.quote(path.get(consumed)) + "[\"']?\\s*[=.]");
        for (int i = consumed == 0 ? 0 : start + 1; i < rows.length; i++) {
            if (consumed > 0 && rows[i].trim().startsWith("[")) {
                break;
            }
            Matcher m = key.matcher(rows[i]);
            if (m.find()) {
                return i + 1;
            }
        }
        return start + 1;
    }

    private static String dotted(List<String> parts) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                re.append("\\s*\\.\\s*");
            }
            String q = Pattern.quote(parts.get(i));
            re.append("(?:").append(q).append("|\"").append(q).append("\"|'").append(q).append("')");
        }
        return re.toString();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

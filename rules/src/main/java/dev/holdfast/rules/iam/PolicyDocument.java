package dev.holdfast.rules.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An IAM policy document (identity, resource or trust policy). Parsing is streaming so every statement keeps the line
 * it starts on; wrappers such as {@code {"PolicyDocument": …}} (CloudFormation, API responses) are unwrapped.
 *
 * @param version    the Version element, or "" when absent
 * @param statements in document order
 */
public record PolicyDocument(String version, List<Statement> statements) {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(1_000_000).build())
            .build());
    /** Keys under which tools and APIs wrap a policy document. */
    private static final List<String> WRAPPERS = List.of("PolicyDocument", "Document", "PolicyVersion",
            "AssumeRolePolicyDocument", "Policy");

    public PolicyDocument {
        version = version == null ? "" : version;
        statements = List.copyOf(statements);
    }

    /** Parses policy JSON; statement lines are 1-based lines of {@code json}. */
    public static PolicyDocument parse(String json) throws PolicyParseException {
        return parse(json, 1);
    }

    /**
     * Parses policy JSON that sits at {@code baseLine} of a larger file (embedded in Terraform, CloudFormation), so
     * statement lines point into that file.
     */
    public static PolicyDocument parse(String json, int baseLine) throws PolicyParseException {
        if (json == null || json.isBlank()) {
            throw new PolicyParseException("empty policy document", 0);
        }
        int offset = Math.max(baseLine, 1) - 1;
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new PolicyParseException("policy document is not a JSON object", line(p, offset));
            }
            Raw raw = readObject(p, offset, 0);
            if (p.nextToken() != null) {
                throw new PolicyParseException("unexpected content after the policy document", line(p, offset));
            }
            if (raw == null) {
                throw new NotAPolicyException("no Statement element in policy document", 1 + offset);
            }
            List<Statement> out = new ArrayList<>();
            if (raw.parsed != null) {
                // A document carried as a string: its statements all point at the string's line.
                for (Statement s : raw.parsed.statements) {
                    out.add(new Statement(s.sid(), s.allow(), s.actions(), s.notAction(), s.resources(),
                            s.notResource(), s.principals(), s.notPrincipal(), s.conditions(), raw.line, s.index(),
                            Map.of()));
                }
                return new PolicyDocument(raw.parsed.version, out);
            }
            if (!raw.statements.isEmpty() && raw.statements.stream().noneMatch(n -> n.has("Effect"))) {
                // A "Statement" of some other format (no statement has an Effect): not IAM at all.
                throw new NotAPolicyException("no IAM statement (none has an Effect)", raw.lines.get(0));
            }
            for (int i = 0; i < raw.statements.size(); i++) {
                out.add(toStatement(raw.statements.get(i), raw.lines.get(i), i, raw.tokenLines.get(i)));
            }
            return new PolicyDocument(raw.version, out);
        } catch (JsonProcessingException e) {
            int l = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + offset;
            throw new PolicyParseException("invalid policy JSON: " + e.getOriginalMessage(), l);
        } catch (IOException | RuntimeException e) {
            throw new PolicyParseException("invalid policy JSON: " + e.getMessage(), 0);
        }
    }

    /**
     * Parses a policy as the AWS IAM API returns it (URL-encoded JSON, e.g. GetPolicyVersion, GetRolePolicy), or plain
     * JSON when it is not encoded.
     */
    public static PolicyDocument parseUrlEncoded(String maybeEncoded) throws PolicyParseException {
        if (maybeEncoded == null) {
            throw new PolicyParseException("empty policy document", 0);
        }
        String s = maybeEncoded.strip();
        if (!s.startsWith("{") && s.contains("%")) {
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new PolicyParseException("policy document is neither JSON nor URL-encoded JSON", 0);
            }
        }
        return parse(s);
    }

    /**
     * A cheap look at text to decide whether it may be a policy, before any parsing: an object that mentions both
     * "Statement" and either "Version", "Effect" or a wrapper key.
     */
    public static boolean looksLikePolicy(CharSequence text) {
        int n = Math.min(text.length(), 4096);
        int i = 0;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= n || text.charAt(i) != '{') {
            return false;
        }
        String s = text.toString();
        return s.contains("\"Statement\"") && (s.contains("\"Version\"") || s.contains("\"Effect\"")
                || s.contains("\"PolicyDocument\""));
    }

    /** Statements with Effect Allow. */
    public List<Statement> allows() {
        return statements.stream().filter(Statement::allow).toList();
    }

    /** Either statement nodes with their lines, or a document that was carried as a string at {@code line}. */
    private record Raw(String version, List<ObjectNode> statements, List<Integer> lines,
                       List<Map<String, Integer>> tokenLines, PolicyDocument parsed, int line) {
    }

    /** Reads the object whose START_OBJECT is current; returns the policy found in it or in a wrapper, else null. */
    private static Raw readObject(JsonParser p, int offset, int depth) throws IOException, PolicyParseException {
        String version = null;
        List<ObjectNode> statements = null;
        List<Integer> lines = null;
        List<Map<String, Integer>> tokenLines = null;
        Raw wrapped = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("Statement".equals(name)) {
                statements = new ArrayList<>();
                lines = new ArrayList<>();
                tokenLines = new ArrayList<>();
                if (t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw new PolicyParseException("each Statement must be an object", line(p, offset));
                        }
                        lines.add(line(p, offset));
                        Map<String, Integer> tl = new LinkedHashMap<>();
                        statements.add(readStatement(p, offset, tl));
                        tokenLines.add(tl);
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    lines.add(line(p, offset));
                    Map<String, Integer> tl = new LinkedHashMap<>();
                    statements.add(readStatement(p, offset, tl));
                    tokenLines.add(tl);
                } else {
                    throw new PolicyParseException("Statement must be an object or an array", line(p, offset));
                }
            } else if ("Version".equals(name) && t.isScalarValue()) {
                version = p.getValueAsString();
            } else if (WRAPPERS.contains(name) && t == JsonToken.START_OBJECT && depth < 3) {
                Raw inner = readObject(p, offset, depth + 1);
                if (wrapped == null) {
                    wrapped = inner;
                }
            } else if (WRAPPERS.contains(name) && t == JsonToken.VALUE_STRING && depth < 3) {
                // API responses and CloudFormation sometimes carry the document as an (encoded) string.
                String text = p.getText().strip();
                if (wrapped == null && (text.startsWith("{") || text.startsWith("%7B") || text.startsWith("%7b"))) {
                    wrapped = new Raw(null, null, null, null, parseUrlEncoded(text), line(p, offset));
                }
            } else {
                p.skipChildren();
            }
        }
        if (statements != null) {
            return new Raw(version == null ? "" : version, statements, lines, tokenLines, null, 0);
        }
        return wrapped;
    }

    /** Elements whose string values keep their own line, so findings can point at the very action or resource. */
    private static final List<String> TRACKED_ELEMENTS = List.of("Action", "NotAction", "Resource", "NotResource");

    /**
     * Reads the statement object whose START_OBJECT is current into a tree, recording the line of each string value
     * of Action/NotAction/Resource/NotResource in {@code tokenLines} (key "Element\u0000value", first occurrence).
     */
    private static ObjectNode readStatement(JsonParser p, int offset, Map<String, Integer> tokenLines)
            throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (TRACKED_ELEMENTS.contains(name) && t == JsonToken.VALUE_STRING) {
                tokenLines.putIfAbsent(name + "\u0000" + p.getText().strip(), line(p, offset));
                node.put(name, p.getText());
            } else if (TRACKED_ELEMENTS.contains(name) && t == JsonToken.START_ARRAY) {
                com.fasterxml.jackson.databind.node.ArrayNode array = node.putArray(name);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        tokenLines.putIfAbsent(name + "\u0000" + p.getText().strip(), line(p, offset));
                        array.add(p.getText());
                    } else {
                        array.add((JsonNode) MAPPER.readTree(p));
                    }
                }
            } else {
                JsonNode value = MAPPER.readTree(p);
                node.set(name, value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value);
            }
        }
        return node;
    }

    private static int line(JsonParser p, int offset) {
        return p.currentTokenLocation().getLineNr() + offset;
    }

    private static Statement toStatement(ObjectNode n, int line, int index, Map<String, Integer> tokenLines)
            throws PolicyParseException {
        String where = "statement " + (index + 1);
        JsonNode effect = n.get("Effect");
        if (effect == null || !effect.isTextual()) {
            throw new PolicyParseException(where + " has no Effect", line);
        }
        boolean allow;
        switch (effect.asText().toLowerCase(Locale.ROOT)) {
            case "allow" -> allow = true;
            case "deny" -> allow = false;
            default -> throw new PolicyParseException(where + ": Effect must be Allow or Deny", line);
        }
        if (n.has("Action") && n.has("NotAction")) {
            throw new PolicyParseException(where + " has both Action and NotAction", line);
        }
        boolean notAction = n.has("NotAction");
        List<String> actions = strings(n.get(notAction ? "NotAction" : "Action"), where, "Action", line);
        if (actions.isEmpty() && !n.has("Action") && !notAction) {
            throw new PolicyParseException(where + " has no Action or NotAction", line);
        }
        if (n.has("Resource") && n.has("NotResource")) {
            throw new PolicyParseException(where + " has both Resource and NotResource", line);
        }
        boolean notResource = n.has("NotResource");
        List<String> resources = strings(n.get(notResource ? "NotResource" : "Resource"), where, "Resource", line);
        boolean notPrincipal = n.has("NotPrincipal");
        Map<String, List<String>> principals = principals(n.get(notPrincipal ? "NotPrincipal" : "Principal"), where,
                line);
        Map<String, Map<String, List<String>>> conditions = conditions(n.get("Condition"), where, line);
        JsonNode sid = n.get("Sid");
        return new Statement(sid != null && sid.isValueNode() ? sid.asText() : "", allow, actions, notAction,
                resources, notResource, principals, notPrincipal, conditions, line, index, tokenLines);
    }

    private static List<String> strings(JsonNode v, String where, String element, int line)
            throws PolicyParseException {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        String single = intrinsic(v);
        if (single != null) {
            out.add(single.strip());
            return out;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                String value = intrinsic(e);
                if (value == null) {
                    throw new PolicyParseException(where + ": " + element + " entries must be strings", line);
                }
                out.add(value.strip());
            }
            return out;
        }
        throw new PolicyParseException(where + ": " + element + " must be a string or an array of strings", line);
    }

    /**
     * A string, or a CloudFormation intrinsic as the value it stands for with its unknowns as {@code ${...}}
     * placeholders ({"Ref": "Bucket"} is "${Bucket}", {"Fn::Sub": "arn:…:${Bucket}/*"} its template, Fn::Join its
     * joined parts); null for anything else. Placeholders read as named resources, never as wildcards.
     */
    static String intrinsic(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (!v.isObject() || v.size() != 1) {
            return null;
        }
        Map.Entry<String, JsonNode> e = v.fields().next();
        String fn = e.getKey();
        JsonNode arg = e.getValue();
        switch (fn) {
            case "Ref":
                return "${" + arg.asText() + "}";
            case "Fn::Sub":
                if (arg.isTextual()) {
                    return arg.asText();
                }
                return arg.isArray() && arg.size() > 0 && arg.get(0).isTextual() ? arg.get(0).asText() : "${Sub}";
            case "Fn::GetAtt":
                if (arg.isArray()) {
                    List<String> parts = new ArrayList<>();
                    arg.forEach(a -> parts.add(a.asText()));
                    return "${" + String.join(".", parts) + "}";
                }
                return "${" + arg.asText() + "}";
            case "Fn::Join":
                if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isArray()) {
                    List<String> parts = new ArrayList<>();
                    for (JsonNode part : arg.get(1)) {
                        String p = intrinsic(part);
                        parts.add(p == null ? "${Join}" : p);
                    }
                    return String.join(arg.get(0).asText(), parts);
                }
                return "${Join}";
            default:
                return fn.startsWith("Fn::") ? "${" + fn.substring(4) + "}" : null;
        }
    }

    private static Map<String, List<String>> principals(JsonNode v, String where, int line)
            throws PolicyParseException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.put("*", List.of(v.asText()));
            return out;
        }
        if (!v.isObject()) {
            throw new PolicyParseException(where + ": Principal must be \"*\" or an object", line);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), strings(e.getValue(), where, "Principal", line));
        }
        return out;
    }

    private static Map<String, Map<String, List<String>>> conditions(JsonNode v, String where, int line)
            throws PolicyParseException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new PolicyParseException(where + ": Condition must be an object", line);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            if (!op.getValue().isObject()) {
                throw new PolicyParseException(where + ": Condition " + op.getKey() + " must be an object", line);
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> kt = op.getValue().fields(); kt.hasNext(); ) {
                Map.Entry<String, JsonNode> k = kt.next();
                List<String> values = new ArrayList<>();
                JsonNode val = k.getValue();
                if (val.isArray()) {
                    for (JsonNode e : val) {
                        String text = e.isValueNode() ? e.asText() : intrinsic(e);
                        if (text == null) {
                            throw new PolicyParseException(where + ": Condition values must be scalars", line);
                        }
                        values.add(text);
                    }
                } else if (val.isValueNode() || intrinsic(val) != null) {
                    values.add(val.isValueNode() ? val.asText() : intrinsic(val));
                } else {
                    throw new PolicyParseException(where + ": Condition values must be scalars", line);
                }
                keys.put(k.getKey(), List.copyOf(values));
            }
            out.put(op.getKey(), keys);
        }
        return out;
    }
}

package dev.holdfast.rules.iac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy document as JSON text whose line k is line {@code baseLine + k - 1} of the file it came from, its parsed
 * form, and the line of each statement.
 */
record PolicyJson(JsonNode json, List<Integer> statementLines, String text, int baseLine) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Renders a lined value (HCL or YAML source) so that its lines match the file, then reads it back; null when the
     * value is not an object (e.g. a half-written template).
     */
    static PolicyJson of(LinedJson.Value value, int baseLine) {
        return value instanceof LinedJson.Obj ? parse(LinedJson.render(value, baseLine), baseLine) : null;
    }

    /**
     * Parses JSON text that starts at {@code baseLine}, recording where each statement object starts; null when the
     * text is not a JSON object.
     */
    static PolicyJson parse(String text, int baseLine) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            return new PolicyJson(node, statementLines(text, baseLine), text, baseLine);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Integer> statementLines(String text, int baseLine) throws IOException {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            int depth = 0;
            int statementDepth = -1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("Statement")) {
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT) {
                        lines.add(baseLine + p.currentLocation().getLineNr() - 1);
                        p.skipChildren();
                    } else if (v == JsonToken.START_ARRAY) {
                        statementDepth = depth + 1;
                        depth++;
                    }
                    continue;
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (t == JsonToken.START_OBJECT && depth == statementDepth) {
                        lines.add(baseLine + p.currentLocation().getLineNr() - 1);
                    }
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth < statementDepth) {
                        statementDepth = -1;
                    }
                }
            }
        }
        return lines;
    }
}

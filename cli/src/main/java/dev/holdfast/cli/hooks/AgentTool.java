package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A coding agent's hook contract ({@code agent-tools.yml}): where its project hook configuration lives, where an entry
 * goes, what its hook input looks like, and how a hook blocks a tool call.
 *
 * @param matcher  the tool matcher of the entry's group, or null when entries sit directly in the event's list
 * @param handler  the entry's fields besides {@code command}
 * @param root     fields a new configuration file starts with ({@code {"version": 1}} for Cursor)
 * @param pointers JSON pointers into the hook input: tool, command, cwd, session
 * @param tools    tool names that run shell commands; empty when the event is only for shell commands
 */
public record AgentTool(String id, String name, String config, String sharedConfig, ObjectNode root, String event,
                        String matcher, ObjectNode handler, Map<String, String> pointers, List<String> tools,
                        Protocol protocol, String docs) {

    /** How a hook says "no". */
    public enum Protocol { EXIT_2, CURSOR_JSON }

    private static volatile Map<String, AgentTool> all;

    /** Every known agent, by id. */
    public static Map<String, AgentTool> all() {
        Map<String, AgentTool> a = all;
        if (a == null) {
            a = load();
            all = a;
        }
        return a;
    }

    /** @throws HookException (usage) naming the known ids */
    public static AgentTool byId(String id) {
        AgentTool t = all().get(id);
        if (t == null) {
            throw new HookException("unknown agent '" + id + "' (known: " + String.join(", ", all().keySet()) + ")",
                    true);
        }
        return t;
    }

    private static Map<String, AgentTool> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = AgentTool.class.getResourceAsStream("agent-tools.yml")) {
            if (in == null) {
                throw new IllegalStateException("agent-tools.yml missing from the jar");
            }
            JsonNode root = yaml.readTree(in);
            Map<String, AgentTool> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode t = e.getValue();
                Map<String, String> pointers = new TreeMap<>();
                t.path("input").fields().forEachRemaining(p -> pointers.put(p.getKey(), p.getValue().asText()));
                List<String> tools = new ArrayList<>();
                t.path("tools").forEach(x -> tools.add(x.asText()));
                out.put(e.getKey(), new AgentTool(e.getKey(), t.path("name").asText(), t.path("config").asText(),
                        t.path("sharedConfig").asText(null), object(yaml, t.get("root")), t.path("event").asText(),
                        t.path("matcher").asText(null), object(yaml, t.get("handler")), pointers, tools,
                        "cursor-json".equals(t.path("protocol").asText()) ? Protocol.CURSOR_JSON : Protocol.EXIT_2,
                        t.path("docs").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agent-tools.yml", e);
        }
    }

    private static ObjectNode object(ObjectMapper m, JsonNode n) {
        return n != null && n.isObject() ? (ObjectNode) n : m.createObjectNode();
    }
}

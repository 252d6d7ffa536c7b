package dev.holdfast.rules.agent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MCP server definitions in every agent's spelling (Claude Code, Cursor, Windsurf and Claude Desktop's
 * {@code mcpServers}, VS Code's {@code servers}, Gemini CLI's {@code httpUrl} and {@code trust}, Codex's
 * {@code [mcp_servers]} with {@code bearer_token_env_var}, Continue's list with {@code name}) read into server facts,
 * {@code mcp:} grants and the tokens the servers are given.
 */
final class McpServers {
    private static final Pattern URL_TOKEN = Pattern.compile("(?i)[?&](token|api_key|apikey|access_token|key)=([^&#]+)");
    private final AgentCatalogue catalogue;
    private final Credentials credentials;

    McpServers(AgentCatalogue catalogue) {
        this.catalogue = catalogue;
        this.credentials = new Credentials(catalogue);
    }

    /** Servers as a map from name to definition, at {@code path} in the tree. */
    void readMap(ConfigTree tree, List<String> path, AgentConfig into) {
        JsonNode servers = at(tree.root(), path);
        if (servers == null || !servers.isObject()) {
            return;
        }
        servers.fields().forEachRemaining(e -> read(tree, append(path, e.getKey()), e.getKey(), e.getValue(), into));
    }

    /** Servers as a list of definitions that carry their {@code name} (Continue). */
    void readList(ConfigTree tree, List<String> path, AgentConfig into) {
        JsonNode servers = at(tree.root(), path);
        if (servers == null || !servers.isArray()) {
            return;
        }
        for (int i = 0; i < servers.size(); i++) {
            JsonNode s = servers.get(i);
            String name = text(s.get("name"));
            read(tree, append(path, String.valueOf(i)), name == null ? "server-" + (i + 1) : name, s, into);
        }
    }

    private void read(ConfigTree tree, List<String> path, String name, JsonNode node, AgentConfig into) {
        if (node == null || !node.isObject() || isOff(node)) {
            return;
        }
        JsonNode def = node.has("transport") && node.get("transport").isObject() ? node.get("transport") : node;
        List<String> defPath = def == node ? path : append(path, "transport");
        String command = text(def.get("command"));
        List<String> args = strings(def.get("args"));
        Map<String, String> env = map(def.get("env"));
        String url = firstText(def, "url", "serverUrl", "httpUrl");
        String launch = String.join(" ", nonNull(command, String.join(" ", args), url));
        Optional<AgentCatalogue.Server> known = catalogue.server(launch);

        List<String> facts = new ArrayList<>(args);
        env.forEach((k, v) -> facts.add(k + "=" + v));
        String access = known.map(s -> readOnly(s, facts, url) ? "read" : s.access()).orElse(null);
        List<String> places = new ArrayList<>();
        places.add(name);
        places.add(url);
        places.addAll(args);
        env.forEach((k, v) -> places.add(k + "=" + (credentials.isCredentialName(k) ? "" : v)));
        McpServerFacts server = new McpServerFacts(name, tree.line(path), access,
                known.map(AgentCatalogue.Server::reaches).orElse(null), credentials.namesProduction(places));
        into.servers().add(server);
        into.grant(server.grant(), server.line(), String.join(".", path));
        if (def.path("trust").asBoolean(false) || node.path("trust").asBoolean(false)) {
            into.grant(PermissionRules.mcp(name, "*"), tree.line(append(path, "trust")), String.join(".", path) + ".trust");
        }
        String alternative = alternative(known);
        String holder = "MCP server '" + name + "'";
        tokens(tree, append(defPath, "headers"), def.get("headers"), "header", holder, alternative, into, true);
        tokens(tree, append(defPath, "http_headers"), def.get("http_headers"), "header", holder, alternative, into, true);
        tokens(tree, append(defPath, "env"), def.get("env"), "env", holder, alternative, into, false);
        JsonNode requestHeaders = def.path("requestOptions").get("headers");
        tokens(tree, append(defPath, "requestOptions", "headers"), requestHeaders, "header", holder, alternative, into,
                true);
        argTokens(tree, append(defPath, "args"), args, holder, alternative, into);
        codexTokens(tree, defPath, def, holder, alternative, into);
        if (url != null) {
            Matcher m = URL_TOKEN.matcher(url);
            while (m.find()) {
                add(holder, "URL parameter " + m.group(1), m.group(2), tree.line(defPath), alternative, into);
            }
        }
    }

    private static boolean isOff(JsonNode node) {
        return node.path("disabled").asBoolean(false) || node.has("enabled") && !node.path("enabled").asBoolean(true);
    }

    private static boolean readOnly(AgentCatalogue.Server s, List<String> facts, String url) {
        for (String marker : s.readOnly()) {
            if (url != null && url.contains(marker)) {
                return true;
            }
            for (String f : facts) {
                if (f.equalsIgnoreCase(marker) || f.toLowerCase(java.util.Locale.ROOT)
                        .startsWith(marker.toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String alternative(Optional<AgentCatalogue.Server> known) {
        if (known.isPresent() && known.get().id().equals("github")) {
            return "the server's OAuth flow or a GitHub App installation token minted per session";
        }
        if (known.isPresent() && known.get().oauth()) {
            return "the server's OAuth flow (the client signs in and keeps only short-lived tokens)";
        }
        return "a short-lived token broker, or the client's secret storage, so no long-lived token sits in the file";
    }

    private void tokens(ConfigTree tree, List<String> path, JsonNode map, String what, String holder,
                        String alternative, AgentConfig into, boolean headers) {
        if (map == null || !map.isObject()) {
            return;
        }
        map.fields().forEachRemaining(e -> {
            String key = e.getKey();
            boolean named = headers ? credentials.isCredentialHeader(key) || credentials.isCredentialName(key)
                    : credentials.isCredentialName(key);
            if (named && e.getValue().isValueNode()) {
                add(holder, what + " " + key, e.getValue().asText(), tree.line(append(path, key)), alternative, into);
            }
        });
    }

    private void argTokens(ConfigTree tree, List<String> path, List<String> args, String holder, String alternative,
                           AgentConfig into) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (credentials.isCredentialArg(a)) {
                String name = eq < 0 ? a : a.substring(0, eq);
                String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(i + 1) : null;
                int at = eq >= 0 || i + 1 >= args.size() ? i : i + 1;
                add(holder, "argument " + name, value, tree.line(append(path, String.valueOf(at))), alternative, into);
            } else if (eq > 0 && !a.startsWith("-") && credentials.isCredentialName(a.substring(0, eq))) {
                // docker run -e NAME=value
                add(holder, "argument " + a.substring(0, eq), a.substring(eq + 1),
                        tree.line(append(path, String.valueOf(i))), alternative, into);
            }
        }
    }

    /** Codex: an inline bearer_token, or the variables bearer_token_env_var and env_http_headers name. */
    private void codexTokens(ConfigTree tree, List<String> path, JsonNode def, String holder, String alternative,
                             AgentConfig into) {
        String inline = text(def.get("bearer_token"));
        if (inline != null) {
            add(holder, "bearer_token", inline, tree.line(append(path, "bearer_token")), alternative, into);
        }
        String var = text(def.get("bearer_token_env_var"));
        if (var != null && !var.isBlank()) {
            add(holder, "bearer_token_env_var", "$" + var.strip(), tree.line(append(path, "bearer_token_env_var")),
                    alternative, into);
        }
        JsonNode envHeaders = def.get("env_http_headers");
        if (envHeaders != null && envHeaders.isObject()) {
            envHeaders.fields().forEachRemaining(e -> {
                if (credentials.isCredentialHeader(e.getKey()) && e.getValue().isTextual()) {
                    add(holder, "header " + e.getKey(), "$" + e.getValue().asText().strip(),
                            tree.line(append(path, "env_http_headers", e.getKey())), alternative, into);
                }
            });
        }
    }

    private void add(String holder, String where, String value, int line, String alternative, AgentConfig into) {
        Credentials.Form form = credentials.form(value);
        if (form != Credentials.Form.NONE) {
            into.tokens().add(new AgentToken(holder, where, value, form == Credentials.Form.LITERAL, line,
                    alternative));
        }
    }

    static JsonNode at(JsonNode root, List<String> path) {
        JsonNode n = root;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.isArray() && p.chars().allMatch(Character::isDigit) ? n.get(Integer.parseInt(p)) : n.get(p);
        }
        return n;
    }

    static List<String> append(List<String> path, String... more) {
        List<String> out = new ArrayList<>(path);
        out.addAll(List.of(more));
        return out;
    }

    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    private static String firstText(JsonNode def, String... keys) {
        for (String k : keys) {
            String t = text(def.get(k));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** A list of strings, or one string split at spaces (some tools accept {@code "args": "-y pkg"}). */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> {
                if (x.isValueNode() && !x.isNull()) {
                    out.add(x.asText());
                }
            });
        } else if (n.isValueNode() && !n.isNull()) {
            for (String s : n.asText().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    private static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}

package dev.holdfast.rules.agent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.holdfast.rules.agent.McpServers.append;
import static dev.holdfast.rules.agent.McpServers.strings;
import static dev.holdfast.rules.agent.McpServers.text;

/**
 * Reads an agent's own settings file into its grants, by the file's schema (see {@code catalogue.yml}): Claude Code's
 * {@code permissions}, Cursor's CLI permissions and allow-lists, VS Code's auto-approve settings, Gemini CLI's tool
 * lists and approval mode (flat and nested layouts), Codex's {@code approval_policy} and {@code sandbox_mode}, and
 * the MCP servers that several of them declare. Keys a reader does not know are ignored.
 */
final class AgentSettings {
    private static final String CLAUDE_KEY_ALTERNATIVE =
            "an apiKeyHelper script that fetches a short-lived key, or the operating system's keychain";
    private final AgentCatalogue catalogue;
    private final PermissionRules rules;
    private final McpServers servers;
    private final Credentials credentials;

    AgentSettings(AgentCatalogue catalogue) {
        this.catalogue = catalogue;
        this.rules = new PermissionRules(catalogue);
        this.servers = new McpServers(catalogue);
        this.credentials = new Credentials(catalogue);
    }

    /**
     * @param configPath the file's path relative to the project the agent works in (to tell whether an edit grant
     *                   covers it)
     * @param warnings   per-file notes that do not stop the reading (an unknown schema version)
     */
    AgentConfig read(String schema, String tool, ConfigTree tree, String configPath, List<String> warnings) {
        AgentConfig c = new AgentConfig(tool, tool);
        switch (schema) {
            case "claude-settings" -> claude(tree, List.of(), c, configPath);
            case "cursor-cli" -> allowDeny(tree, List.of("permissions"), c, configPath);
            case "cursor-permissions" -> cursorAllowlists(tree, c);
            case "vscode-mcp" -> servers.readMap(tree, List.of("servers"), c);
            case "vscode-settings" -> vscode(tree, c, configPath);
            case "gemini-settings" -> gemini(tree, List.of(), c, configPath);
            case "codex" -> codex(tree, c, configPath);
            case "continue" -> continueConfig(tree, c, warnings);
            case "mcp-servers" -> servers.readMap(tree, List.of("mcpServers"), c);
            default -> throw new IllegalArgumentException("unknown agent configuration schema " + schema);
        }
        return c;
    }

    /** Claude Code settings at {@code base} (the root of a settings file, or a workflow's {@code settings} input). */
    void claude(ConfigTree tree, List<String> base, AgentConfig c, String configPath) {
        List<String> perms = append(base, "permissions");
        allowDeny(tree, perms, c, configPath);
        JsonNode mode = McpServers.at(tree.root(), append(perms, "defaultMode"));
        for (String g : catalogue.modeGrants("claude", text(mode))) {
            c.grant(g, tree.line(append(perms, "defaultMode")), "permissions.defaultMode");
        }
        JsonNode env = McpServers.at(tree.root(), append(base, "env"));
        if (env != null && env.isObject()) {
            env.fields().forEachRemaining(e -> {
                if (credentials.isCredentialName(e.getKey()) && e.getValue().isValueNode()) {
                    token(c, "settings", "env " + e.getKey(), e.getValue().asText(),
                            tree.line(append(base, "env", e.getKey())), CLAUDE_KEY_ALTERNATIVE);
                }
            });
        }
        selfEdit(c, configPath);
    }

    /**
     * allow / ask / deny lists of permission rules (Claude Code, Cursor CLI): an allowed rule is a grant unless a
     * deny or ask rule takes it back (deny and ask win over allow in both tools).
     */
    private void allowDeny(ConfigTree tree, List<String> perms, AgentConfig c, String configPath) {
        Set<String> withheld = new HashSet<>();
        for (String list : List.of("deny", "ask")) {
            for (String r : strings(McpServers.at(tree.root(), append(perms, list)))) {
                String g = rules.grant(r);
                if (g != null) {
                    withheld.add(g);
                }
            }
        }
        List<String> allow = strings(McpServers.at(tree.root(), append(perms, "allow")));
        for (int i = 0; i < allow.size(); i++) {
            String g = rules.grant(allow.get(i));
            if (g != null && !withheld.contains(g) && !withheld.contains(wide(g))) {
                c.grant(g, tree.line(append(perms, "allow", String.valueOf(i))), String.join(".", perms) + ".allow");
            }
        }
        selfEdit(c, configPath);
    }

    /** The grant of every use of the same tool: a deny of it withholds each narrower allow. */
    static String wide(String grant) {
        AgentGrant g = new AgentGrant(grant, 0, "");
        return switch (g.kind()) {
            case "shell" -> "shell:*";
            case "edit", "read" -> g.kind() + ":**";
            case "web" -> grant.startsWith("web:fetch") ? "web:fetch" : grant;
            case "mcp" -> grant.contains("/") ? grant.substring(0, grant.indexOf('/')) + "/*" : grant;
            default -> grant;
        };
    }

    /** Cursor's permissions.json: plain allow-lists of terminal commands and MCP tools. */
    private void cursorAllowlists(ConfigTree tree, AgentConfig c) {
        List<String> terminal = strings(tree.root().get("terminalAllowlist"));
        for (int i = 0; i < terminal.size(); i++) {
            c.grant(rules.command(terminal.get(i)), tree.line("terminalAllowlist", String.valueOf(i)),
                    "terminalAllowlist");
        }
        List<String> mcp = strings(tree.root().get("mcpAllowlist"));
        for (int i = 0; i < mcp.size(); i++) {
            String[] parts = mcp.get(i).split(":", 2);
            c.grant(PermissionRules.mcp(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "*"),
                    tree.line("mcpAllowlist", String.valueOf(i)), "mcpAllowlist");
        }
    }

    /** VS Code: the global auto-approve switch and the terminal and edit auto-approve maps (flat setting keys). */
    private void vscode(ConfigTree tree, AgentConfig c, String configPath) {
        for (String key : List.of("chat.tools.autoApprove", "chat.tools.global.autoApprove")) {
            if (tree.root().path(key).asBoolean(false)) {
                c.grant("mode:bypass-approvals", tree.line(key), key);
            }
        }
        String terminal = "chat.tools.terminal.autoApprove";
        tree.root().path(terminal).fields().forEachRemaining(e -> {
            if (approved(e.getValue())) {
                c.grant(rules.command(e.getKey()), tree.line(terminal, e.getKey()), terminal);
            }
        });
        String edits = "chat.tools.edits.autoApprove";
        tree.root().path(edits).fields().forEachRemaining(e -> {
            if (approved(e.getValue())) {
                c.grant(rules.grant("Edit(" + e.getKey() + ")"), tree.line(edits, e.getKey()), edits);
            }
        });
        servers.readMap(tree, List.of("mcp", "servers"), c);
        selfEdit(c, configPath);
    }

    private static boolean approved(JsonNode v) {
        return v.asBoolean(false) || v.path("approve").asBoolean(false);
    }

    /**
     * Gemini CLI settings in both layouts: flat ({@code allowedTools}, {@code excludeTools}, {@code autoAccept}) and
     * nested since v0.3 ({@code tools.allowed}, {@code tools.exclude}, {@code tools.autoAccept},
     * {@code general.defaultApprovalMode}); {@code mcpServers} in both.
     */
    void gemini(ConfigTree tree, List<String> base, AgentConfig c, String configPath) {
        Set<String> excluded = new HashSet<>();
        for (List<String> list : List.of(append(base, "excludeTools"), append(base, "tools", "exclude"))) {
            for (String r : strings(McpServers.at(tree.root(), list))) {
                String g = rules.grant(r);
                if (g != null) {
                    excluded.add(g);
                }
            }
        }
        for (List<String> list : List.of(append(base, "allowedTools"), append(base, "tools", "allowed"))) {
            List<String> allowed = strings(McpServers.at(tree.root(), list));
            for (int i = 0; i < allowed.size(); i++) {
                String g = rules.grant(allowed.get(i));
                if (g != null && !excluded.contains(g) && !excluded.contains(wide(g))) {
                    c.grant(g, tree.line(append(list, String.valueOf(i))), String.join(".", list));
                }
            }
        }
        for (List<String> key : List.of(append(base, "autoAccept"), append(base, "tools", "autoAccept"))) {
            JsonNode v = McpServers.at(tree.root(), key);
            if (v != null && v.asBoolean(false)) {
                c.grant("read:**", tree.line(key), String.join(".", key)); // it accepts the tools it deems read-only
            }
        }
        for (List<String> key : List.of(append(base, "general", "defaultApprovalMode"),
                append(base, "tools", "approvalMode"))) {
            for (String g : catalogue.modeGrants("geminiApproval", text(McpServers.at(tree.root(), key)))) {
                c.grant(g, tree.line(key), String.join(".", key));
            }
        }
        servers.readMap(tree, append(base, "mcpServers"), c);
        selfEdit(c, configPath);
    }

    /** Codex: approval and sandbox at the top and in each profile, network access, and {@code [mcp_servers]}. */
    private void codex(ConfigTree tree, AgentConfig c, String configPath) {
        codexModes(tree, List.of(), c);
        JsonNode profiles = tree.root().get("profiles");
        if (profiles != null && profiles.isObject()) {
            profiles.fieldNames().forEachRemaining(p -> codexModes(tree, List.of("profiles", p), c));
        }
        servers.readMap(tree, List.of("mcp_servers"), c);
        selfEdit(c, configPath);
    }

    private void codexModes(ConfigTree tree, List<String> base, AgentConfig c) {
        List<String> approval = append(base, "approval_policy");
        for (String g : catalogue.modeGrants("codexApproval", text(McpServers.at(tree.root(), approval)))) {
            c.grant(g, tree.line(approval), String.join(".", approval));
        }
        List<String> sandbox = append(base, "sandbox_mode");
        for (String g : catalogue.modeGrants("codexSandbox", text(McpServers.at(tree.root(), sandbox)))) {
            c.grant(g, tree.line(sandbox), String.join(".", sandbox));
        }
        List<String> network = append(base, "sandbox_workspace_write", "network_access");
        JsonNode n = McpServers.at(tree.root(), network);
        if (n != null && n.asBoolean(false)) {
            c.grant("web:network", tree.line(network), String.join(".", network));
        }
    }

    /**
     * Continue: {@code mcpServers} as a list (config.yaml and block files), the legacy JSON
     * {@code experimental.modelContextProtocolServers}, and the model providers' {@code apiKey}s.
     */
    private void continueConfig(ConfigTree tree, AgentConfig c, List<String> warnings) {
        String schema = text(tree.root().get("schema"));
        if (schema != null && !schema.strip().equalsIgnoreCase("v1")) {
            warnings.add("unknown Continue schema version '" + schema.strip() + "'; read as v1");
        }
        JsonNode list = tree.root().get("mcpServers");
        if (list != null && list.isObject()) {
            servers.readMap(tree, List.of("mcpServers"), c);
        } else {
            servers.readList(tree, List.of("mcpServers"), c);
        }
        servers.readList(tree, List.of("experimental", "modelContextProtocolServers"), c);
        JsonNode models = tree.root().get("models");
        if (models != null && models.isArray()) {
            for (int i = 0; i < models.size(); i++) {
                String key = text(models.get(i).get("apiKey"));
                String name = text(models.get(i).get("name"));
                if (key != null) {
                    token(c, "model '" + (name == null ? String.valueOf(i + 1) : name) + "'", "apiKey", key,
                            tree.line("models", String.valueOf(i), "apiKey"),
                            "a secret reference resolved at run time (${{ secrets.NAME }}) backed by a short-lived key");
                }
            }
        }
    }

    private void token(AgentConfig c, String holder, String where, String value, int line, String alternative) {
        Credentials.Form form = credentials.form(value);
        if (form != Credentials.Form.NONE) {
            c.tokens().add(new AgentToken(holder, where, value, form == Credentials.Form.LITERAL, line, alternative));
        }
    }

    /** An agent that may edit its own settings file, or act without asking at all, can widen itself. */
    static void selfEdit(AgentConfig c, String configPath) {
        if (configPath == null) {
            return;
        }
        if (c.has("mode:bypass-approvals")) {
            c.selfEdit("it acts without asking, so it may rewrite " + configPath);
            return;
        }
        List<AgentGrant> edits = new ArrayList<>(c.grants());
        for (AgentGrant g : edits) {
            if (PermissionRules.covers(g, configPath)) {
                c.selfEdit(g.grant() + " lets it rewrite " + configPath + " without asking");
                return;
            }
        }
    }
}

package dev.holdfast.rules.agent;

import dev.holdfast.rules.catalogue.Glob;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Permission rules as the agents write them, normalised into grants: Claude Code's {@code Bash(npm test)},
 * {@code Edit(src/**)}, {@code WebFetch(domain:example.com)}, {@code mcp__github__create_issue}; Cursor's
 * {@code Shell(ls)}, {@code Write(**)}, {@code Mcp(server, tool)}; Gemini CLI's {@code run_shell_command(git status)}.
 */
final class PermissionRules {
    private static final Pattern RULE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*)\\s*(?:\\((.*)\\))?$",
            Pattern.DOTALL);
    private final AgentCatalogue catalogue;

    PermissionRules(AgentCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The grant a rule gives, or null when the text is not a rule. */
    String grant(String rule) {
        if (rule == null || rule.isBlank()) {
            return null;
        }
        String r = rule.strip();
        if (r.startsWith("mcp__")) {
            String[] parts = r.substring(5).split("__", 2);
            return mcp(parts[0], parts.length > 1 ? parts[1] : "*");
        }
        Matcher m = RULE.matcher(r);
        if (!m.matches()) {
            return null;
        }
        String tool = m.group(1);
        String spec = m.group(2) == null ? null : m.group(2).strip();
        if (tool.equalsIgnoreCase("Mcp")) {
            String[] parts = spec == null ? new String[] {"*"} : spec.split(",", 2);
            return mcp(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "*");
        }
        String kind = catalogue.grantKind(tool);
        if (kind == null) {
            return "tool:" + tool + (spec == null || spec.isEmpty() ? "" : "(" + spec + ")");
        }
        boolean any = spec == null || catalogue.anyCommand().contains(spec);
        return switch (kind) {
            case "shell" -> any ? "shell:*" : "shell:" + spec;
            case "edit", "read" -> any ? kind + ":**" : kind + ":" + path(spec);
            case "web:fetch" -> any ? "web:fetch" : "web:fetch(" + spec.replaceFirst("^domain:", "") + ")";
            default -> kind;
        };
    }

    /** A shell command approved by a plain allow-list ({@code terminalAllowlist}, VS Code's terminal auto-approve). */
    String command(String command) {
        String c = command == null ? "" : command.strip();
        return catalogue.anyCommand().contains(c) || c.equals("/.*/") ? "shell:*" : "shell:" + c;
    }

    static String mcp(String server, String tool) {
        String t = tool == null || tool.isBlank() ? "*" : tool;
        return "mcp:" + (server.isBlank() ? "*" : server) + "/" + t;
    }

    /** Claude Code writes project paths as {@code ./x} or {@code /x}; both mean the project root. */
    private static String path(String spec) {
        String p = spec;
        if (p.startsWith("./")) {
            p = p.substring(2);
        } else if (p.startsWith("/") && !p.startsWith("//")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "**" : p;
    }

    /**
     * Whether an edit grant covers the file at {@code configPath} (relative to the project the agent works in):
     * then the agent may rewrite its own configuration without asking.
     */
    static boolean covers(AgentGrant grant, String configPath) {
        if (!grant.kind().equals("edit")) {
            return false;
        }
        String scope = grant.scope();
        if (scope.startsWith("//") || scope.startsWith("~")) {
            return false; // absolute or home paths: outside the project
        }
        return Glob.compile(scope).matcher(configPath).matches()
                || Glob.compile(scope).matcher(configPath.toLowerCase(Locale.ROOT)).matches();
    }
}

package dev.holdfast.rules.agent;

/**
 * One thing an agent may do, normalised across tools: {@code shell:*}, {@code shell:npm test}, {@code edit:**},
 * {@code web:fetch}, {@code mcp:postgres(write, prod)}, {@code mcp:github/*} (every tool of a server without asking),
 * {@code mode:bypass-approvals}, {@code workflow:contents:write}, {@code secret:ANTHROPIC_API_KEY}.
 *
 * @param line   1-based line of the key or rule that grants it
 * @param source where in the file, e.g. {@code permissions.allow}, {@code approval_policy}, {@code jobs.fix.permissions}
 */
public record AgentGrant(String grant, int line, String source) {

    /** What the grant is about: shell, edit, read, web, mcp, mode, workflow, secret, tool. */
    public String kind() {
        int colon = grant.indexOf(':');
        return colon < 0 ? grant : grant.substring(0, colon);
    }

    /** The part after the kind: the command, the path glob, the server… */
    public String scope() {
        int colon = grant.indexOf(':');
        return colon < 0 ? "" : grant.substring(colon + 1);
    }
}

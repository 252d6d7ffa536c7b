package dev.holdfast.rules.agent;

/**
 * A credential handed to an agent by its configuration: written inline, or a reference ({@code ${GITHUB_PAT}},
 * {@code ${{ secrets.ANTHROPIC_API_KEY }}}) to a long-lived secret. The value may be a raw secret: it is only ever
 * redacted or hashed, never printed.
 *
 * @param holder      who holds it, e.g. {@code MCP server 'github'} or {@code step 'review'}
 * @param where       where in the holder, e.g. {@code header Authorization}, {@code env GITHUB_TOKEN}
 * @param literal     written inline (also a hardcoded secret) rather than referenced
 * @param alternative what to use instead (the server's OAuth flow, a short-lived token broker, a GitHub App token)
 */
public record AgentToken(String holder, String where, String value, boolean literal, int line, String alternative) {

    @Override
    public String toString() {
        return "AgentToken[" + holder + " " + where + (literal ? " inline" : " reference") + " at " + line + "]";
    }
}

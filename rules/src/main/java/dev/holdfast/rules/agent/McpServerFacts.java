package dev.holdfast.rules.agent;

/**
 * What an MCP server configuration gives its agent: the data it reaches and whether it may change it.
 *
 * @param access  read, write, or null when Holdfast does not know the server
 * @param reaches database, source, files, issues… (from the catalogue), or null
 * @param production its URL, arguments or environment name a production system
 */
public record McpServerFacts(String name, int line, String access, String reaches, boolean production) {

    /** The grant: {@code mcp:postgres(write, prod)}, {@code mcp:docs}. */
    public String grant() {
        StringBuilder facts = new StringBuilder();
        if (access != null) {
            facts.append(access);
        }
        if (production) {
            facts.append(facts.length() == 0 ? "" : ", ").append("prod");
        }
        return "mcp:" + name + (facts.length() == 0 ? "" : "(" + facts + ")");
    }
}

package dev.holdfast.rules.agent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue is data; these checks keep it consistent with the readers that use it. */
class AgentCatalogueTest {
    private final AgentCatalogue catalogue = AgentCatalogue.standard();

    @Test
    void everyFileKindHasAKnownFormatAndSchemaAndIsFoundByItsPaths() {
        Set<String> schemas = Set.of("claude-settings", "cursor-cli", "cursor-permissions", "vscode-mcp",
                "vscode-settings", "gemini-settings", "codex", "continue", "mcp-servers", "workflow");
        for (AgentCatalogue.FileKind k : catalogue.files()) {
            assertThat(k.format()).as(k.kind()).isIn("json", "yaml", "toml");
            assertThat(k.schema()).as(k.kind()).isIn(schemas);
            for (String p : k.paths()) {
                String path = p.replace("*", "servers");
                assertThat(catalogue.kindOf(path)).as(path).contains(k);
                assertThat(catalogue.kindOf("packages/api/" + path)).as("in a sub-project").contains(k);
                // the detector is built only for paths its cheap pre-check lets through
                assertThat(AgentConfigDetector.mayRead(path)).as("pre-check of " + path).isTrue();
            }
        }
        assertThat(catalogue.kindOf("docs/mcp.json")).isEmpty();
        assertThat(catalogue.kindOf("my.mcp.json")).isEmpty();
    }

    @Test
    void everyCredentialNamesAnAlternativeAndEveryServerWhatItReaches() {
        catalogue.commands().forEach(c -> c.credentials().values().forEach(a ->
                assertThat(catalogue.alternative(a)).isNotBlank()));
        for (String uses : List.of("anthropics/claude-code-action@v1", "openai/codex-action@v1",
                "google-github-actions/run-gemini-cli@v0", "anthropics/claude-code-base-action@beta")) {
            AgentCatalogue.Action a = catalogue.action(uses).orElseThrow();
            assertThat(a.credentials()).as(uses).isNotEmpty();
            a.credentials().values().forEach(v -> assertThat(catalogue.alternative(v)).isNotBlank());
        }
        assertThat(catalogue.server("npx -y @modelcontextprotocol/server-postgres postgres://x")).get()
                .satisfies(s -> assertThat(s.access()).isEqualTo("write"));
        assertThat(catalogue.server("https://api.githubcopilot.com/mcp/")).get()
                .satisfies(s -> assertThat(s.oauth()).isTrue());
    }

    @Test
    void toolNamesMapToGrantKinds() {
        assertThat(catalogue.grantKind("Bash")).isEqualTo("shell");
        assertThat(catalogue.grantKind("run_shell_command")).isEqualTo("shell");
        assertThat(catalogue.grantKind("Write")).isEqualTo("edit");
        assertThat(catalogue.grantKind("WebFetch")).isEqualTo("web:fetch");
        assertThat(catalogue.grantKind("TodoWrite")).isNull();
        assertThat(catalogue.modeGrants("claude", "bypassPermissions")).containsExactly("mode:bypass-approvals");
        assertThat(catalogue.modeGrants("codexApproval", "on-request")).isEmpty();
    }
}

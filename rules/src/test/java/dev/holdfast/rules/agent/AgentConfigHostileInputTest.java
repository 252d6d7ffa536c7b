package dev.holdfast.rules.agent;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Agent configurations are untrusted text: enormous, deeply nested, alias bombs, byte-order marks, arbitrary
 * fragments. The detector returns detections or one {@link DetectorException} whose one-line message names the file
 * and holds none of its text; never another exception, never a hang.
 */
class AgentConfigHostileInputTest {
    private static final List<String> PATHS = List.of(".mcp.json", ".claude/settings.json", ".vscode/mcp.json",
            ".gemini/settings.json", ".codex/config.toml", ".continue/config.yaml", ".github/workflows/agent.yml",
            ".cursor/permissions.json");
    private final AgentConfigDetector detector = new AgentConfigDetector();

    private List<Detection> detect(String path, String text) {
        return detector.detect(new Document(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {".mcp.json", ".codex/config.toml", ".continue/config.yaml"})
    void aHundredThousandOpenBracketsAreRefusedFast(String path) {
        String deep = "{\"a\": " + "[".repeat(100_000);
        String text = path.endsWith(".toml") ? "x = " + "[".repeat(100_000) : path.endsWith(".yaml")
                ? "a: " + "[".repeat(100_000) : deep;
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> detect(path, text)).isInstanceOf(DetectorException.class)
                        .hasMessageStartingWith(path));
    }

    @Test
    void aFileOverTheConfigurationLimitIsAWarningNotRead() {
        String big = "{\"mcpServers\": {}, \"pad\": \"" + "x".repeat(ConfigTree.MAX_BYTES) + "\"}";
        assertThatThrownBy(() -> detect(".mcp.json", big)).isInstanceOf(DetectorException.class)
                .hasMessageContaining("too large for an agent configuration");
    }

    /** Jackson does not expand aliases into copies, so a "billion laughs" file is read in its written size. */
    @Test
    void aYamlAliasBombIsNotExpanded() {
        StringBuilder y = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        y.append("mcpServers: *k\n");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                assertThat(detect(".continue/config.yaml", y.toString())).isEmpty();
            } catch (DetectorException e) {
                assertThat(e.getMessage()).startsWith(".continue/config.yaml");
            }
        });
    }

    @Test
    void aByteOrderMarkIsNotAnError() {
        List<Detection> found = detect(".claude/settings.json", "\uFEFF{\"permissions\": {\"allow\": [\"Bash(*)\"]}}");
        assertThat(found).extracting(Detection::ruleId).contains("agent-unrestricted-shell");
    }

    @Test
    void aMalformedFileNeverQuotesItsText() {
        String token = "ghp" + "_" + "Zq8".repeat(12);
        for (String path : PATHS) {
            String text = path.endsWith(".toml") ? "token = " + token + "\n[x" : path.endsWith(".yaml")
                    || path.endsWith(".yml") ? "a: [" + token + "\nb: {" : "{\"a\": " + token + "}";
            assertThatThrownBy(() -> detect(path, text)).as(path).isInstanceOf(DetectorException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain("\n")
                            .startsWith(path));
        }
    }

    @Test
    void unknownKeysAndWrongTypesAreIgnored() {
        assertThat(detect(".mcp.json", "{\"mcpServers\": [1, 2], \"x\": {\"y\": null}}")).isEmpty();
        assertThat(detect(".mcp.json", "{\"mcpServers\": {\"a\": 3, \"b\": {\"args\": {\"k\": 1}}}}"))
                .extracting(d -> d.properties().get("grant")).containsExactly("mcp:b");
        assertThat(detect(".claude/settings.json", "{\"permissions\": {\"allow\": \"Bash(*)\"}}"))
                .extracting(Detection::ruleId).contains("agent-unrestricted-shell");
        assertThat(detect(".claude/settings.json", "[]")).isEmpty();
        assertThat(detect(".codex/config.toml", "")).isEmpty();
        assertThat(detect(".github/workflows/agent.yml", "jobs: 3")).isEmpty();
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "'", "//", "/*", "*/", "#", "\n", " ", "=",
                "\"mcpServers\"", "\"permissions\"", "\"allow\"", "\"Bash(*)\"", "\"command\"", "\"args\"", "\"env\"",
                "\"headers\"", "\"Authorization\"", "\"Bearer x\"", "[mcp_servers.a]", "approval_policy = ",
                "\"never\"", "jobs:", "steps:", "- uses: ", "anthropics/claude-code-action@v1", "with:",
                "anthropic_api_key: ", "${{ secrets.X }}", "on: issue_comment", "permissions: write-all", "&a ",
                "*a", "!!binary ", "\u0000", "\uD800", "\u001b[31m", "true", "null", "-1e999")
                .list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void arbitraryFragmentsGiveDetectionsOrOneWarning(@ForAll("fragments") String text) {
        for (String path : PATHS) {
            try {
                detect(path, text);
            } catch (DetectorException e) {
                assertThat(e.getMessage()).startsWith(path).doesNotContain("\n");
            }
        }
    }
}

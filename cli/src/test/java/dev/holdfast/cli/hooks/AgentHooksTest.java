package dev.holdfast.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coding agents' hooks, fed each agent's documented hook input: the installed Claude Code entry run exactly as
 * Claude Code runs it (its command through sh, the PreToolUse JSON on stdin), which blocks with exit 2 and a message on
 * stderr the agent can act on; Codex and Gemini CLI likewise; Cursor's JSON permission; and the configuration files
 * restored as they were.
 */
class AgentHooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Claude Code's PreToolUse input for a Bash tool call (code.claude.com/docs/en/hooks). */
    private static String claudeInput(Path cwd, String command) {
        ObjectNode n = JSON.createObjectNode();
        n.put("session_id", "4f6e1b2a-0c9d-4e3f-9a7b-8c1d2e3f4a5b");
        n.put("transcript_path", cwd.resolve(".claude/transcript.jsonl").toString());
        n.put("cwd", cwd.toString());
        n.put("permission_mode", "default");
        n.put("hook_event_name", "PreToolUse");
        n.put("tool_name", "Bash");
        ObjectNode in = n.putObject("tool_input");
        in.put("command", command);
        in.put("description", "Commit the configuration change");
        in.put("timeout", 120000);
        n.put("tool_use_id", "toolu_01ABCdefGHIjklMNOpqrSTU");
        return n.toString();
    }

    @Test
    void claudeCodesInstalledHookBlocksACommitOfASecretWithExit2AndAnActionableMessage() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        s.commitFile(repo, "config/prod.yml", "db:\n  password: ${DB_PASSWORD}\n",
                "prod reads the password from the environment");
        Path audit = tmp.resolve("blocked.jsonl");
        CliRunner.Run install = CliRunner.run("hooks", "install", repo.toString(), "--agent", "claude", "--record",
                audit.toString(), "--launcher", Sandbox.launcher());
        assertThat(install.exit()).as(install.all()).isEqualTo(ExitCode.OK);
        JsonNode settings = JSON.readTree(repo.resolve(".claude/settings.local.json").toFile());
        JsonNode group = settings.at("/hooks/PreToolUse/0");
        assertThat(group.get("matcher").asText()).isEqualTo("Bash");
        assertThat(group.at("/hooks/0/type").asText()).isEqualTo("command");
        String command = group.at("/hooks/0/command").asText();

        String password = s.secrets.generate("password") + "x9Q!";
        Files.writeString(repo.resolve("config/dev.yml"), "db:\n  user: app\n  password: \"" + password + "\"\n");
        String input = claudeInput(repo, "git add -A && git commit -m \"dev config\"");
        Sandbox.Ran r = s.run(repo, Map.of(), input, true, "sh", "-c", command);

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("holdfast: commit blocked: 1 secret").contains("config/dev.yml:3")
                .contains("config/prod.yml:2 already uses DB_PASSWORD").contains("write ${DB_PASSWORD}")
                .doesNotContain(password);
        assertThat(s.git(repo, "status", "--porcelain").out()).contains("?? config/dev.yml");
        JsonNode line = JSON.readTree(Files.readAllLines(audit).get(0));
        assertThat(line.at("/who/name").asText()).isEqualTo("Claude Code");
        assertThat(line.at("/who/onBehalfOf/name").asText()).isEqualTo("Alice Example");
        assertThat(line.get("session").asText()).isEqualTo("4f6e1b2a-0c9d-4e3f-9a7b-8c1d2e3f4a5b");
        assertThat(Files.readString(audit)).doesNotContain(password);

        // the same call once the agent did what it was told goes through
        Files.writeString(repo.resolve("config/dev.yml"), "db:\n  user: app\n  password: ${DB_PASSWORD}\n");
        Sandbox.Ran ok = s.run(repo, Map.of(), input, true, "sh", "-c", command);
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(ok.all()).isEmpty();
    }

    @Test
    void toolCallsThatNeitherCommitNorPushAreLetThroughSilently() {
        Path repo = tmp;
        for (String input : List.of(claudeInput(repo, "ls -la && cat README.md"),
                claudeInput(repo, "echo 'git commit' > notes.txt"),
                "{\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/etc/hosts\"},\"cwd\":\"/\"}")) {
            CliRunner.Run r = CliRunner.runWithInput(input, Map.of(), "hooks", "run", "--agent", "claude");
            assertThat(r.exit()).as(input).isZero();
            assertThat(r.all()).isEmpty();
        }
    }

    @Test
    void aPushOfACommitWithASecretIsBlockedBeforeItLeaves() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path remote = Files.createDirectories(tmp.resolve("remote.git"));
        s.git(remote, "init", "-q", "--bare", "-b", "main");
        Path work = tmp.resolve("work");
        s.git(tmp, "clone", "-q", remote.toString(), work.toString());
        s.commitFile(work, "a.txt", "a\n", "first");
        s.git(work, "push", "-q", "origin", "main");
        String token = s.githubToken();
        s.commitFile(work, "ci.env", "GITHUB_TOKEN=" + token + "\n", "token");
        CliRunner.Run r = CliRunner.runWithInput(claudeInput(work, "git push origin main"), Map.of(),
                "hooks", "run", "--agent", "claude");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("push blocked").contains("ci.env:1 in commit").doesNotContain(token);

        CliRunner.Run delete = CliRunner.runWithInput(claudeInput(work, "git push origin --delete feature"), Map.of(),
                "hooks", "run", "--agent", "claude");
        assertThat(delete.exit()).as(delete.all()).isZero();
    }

    @Test
    void codexAndGeminiTakeTheirOwnConfigurationAndTheSameExitTwo() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        CliRunner.Run install = CliRunner.run("hooks", "install", repo.toString(), "--agent", "codex", "--agent",
                "gemini", "--launcher", "holdfast");
        assertThat(install.exit()).as(install.all()).isEqualTo(ExitCode.OK);
        JsonNode codex = JSON.readTree(repo.resolve(".codex/hooks.json").toFile());
        assertThat(codex.at("/hooks/PreToolUse/0/matcher").asText()).isEqualTo("Bash");
        assertThat(codex.at("/hooks/PreToolUse/0/hooks/0/command").asText())
                .isEqualTo("holdfast hooks run --agent codex");
        JsonNode gemini = JSON.readTree(repo.resolve(".gemini/settings.json").toFile());
        assertThat(gemini.at("/hooks/BeforeTool/0/matcher").asText()).isEqualTo("run_shell_command");
        assertThat(gemini.at("/hooks/BeforeTool/0/hooks/0/timeout").asInt()).isEqualTo(120000);

        String key = s.awsKey();
        Files.writeString(repo.resolve("keys.properties"), "aws.accessKeyId=" + key + "\n");
        // Gemini CLI's BeforeTool input for run_shell_command
        ObjectNode g = JSON.createObjectNode();
        g.put("session_id", "g-1");
        g.put("transcript_path", "/tmp/t.json");
        g.put("cwd", repo.toString());
        g.put("hook_event_name", "BeforeTool");
        g.put("timestamp", "2026-01-01T00:00:00Z");
        g.put("tool_name", "run_shell_command");
        g.putObject("tool_input").put("command", "git add keys.properties && git commit -m keys");
        CliRunner.Run r = CliRunner.runWithInput(g.toString(), Map.of(), "hooks", "run", "--agent", "gemini");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty(); // Gemini CLI reads stdout as JSON: nothing else may be there
        assertThat(r.err()).contains("keys.properties:1").doesNotContain(key);

        CliRunner.Run c = CliRunner.runWithInput(claudeInput(repo, "git add . && git commit -qm keys"), Map.of(),
                "hooks", "run", "--agent", "codex");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("keys.properties:1");
    }

    @Test
    void cursorGetsAJsonPermissionWithAMessageForTheAgent() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        CliRunner.Run install = CliRunner.run("hooks", "install", repo.toString(), "--agent", "cursor", "--launcher",
                "holdfast");
        assertThat(install.exit()).as(install.all()).isEqualTo(ExitCode.OK);
        JsonNode hooks = JSON.readTree(repo.resolve(".cursor/hooks.json").toFile());
        assertThat(hooks.get("version").asInt()).isEqualTo(1);
        assertThat(hooks.at("/hooks/beforeShellExecution/0/command").asText())
                .isEqualTo("holdfast hooks run --agent cursor");

        String key = s.awsKey();
        s.stage(repo, "a.properties", "aws.accessKeyId=" + key + "\n");
        ObjectNode in = JSON.createObjectNode();
        in.put("hook_event_name", "beforeShellExecution");
        in.put("conversation_id", "conv-1");
        in.put("generation_id", "gen-1");
        in.putArray("workspace_roots").add(repo.toString());
        in.put("command", "git commit -m 'add a'");
        in.put("cwd", repo.toString());
        CliRunner.Run r = CliRunner.runWithInput(in.toString(), Map.of(), "hooks", "run", "--agent", "cursor");
        assertThat(r.exit()).isZero();
        JsonNode answer = JSON.readTree(r.out());
        assertThat(answer.get("permission").asText()).isEqualTo("deny");
        assertThat(answer.get("user_message").asText()).startsWith("holdfast: commit blocked");
        assertThat(answer.get("agent_message").asText()).contains("a.properties:1").contains("${AWS_ACCESS_KEY_ID}");
        assertThat(r.out()).doesNotContain(key);

        in.put("command", "npm test");
        CliRunner.Run allowed = CliRunner.runWithInput(in.toString(), Map.of(), "hooks", "run", "--agent", "cursor");
        assertThat(JSON.readTree(allowed.out()).get("permission").asText()).isEqualTo("allow");
    }

    @Test
    void existingSettingsKeepTheirHooksAndAreRestoredByteForByte() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        Path settings = repo.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        String before = "{\n    \"permissions\": {\"allow\": [\"Bash(npm test)\"]},\n    \"hooks\": {\n"
                + "        \"PreToolUse\": [{\"matcher\": \"Edit\", \"hooks\": [{\"type\": \"command\", "
                + "\"command\": \"./lint.sh\"}]}],\n        \"Stop\": []\n    }\n}";
        Files.writeString(settings, before);
        CliRunner.Run install = CliRunner.run("hooks", "install", repo.toString(), "--agent", "claude", "--shared",
                "--launcher", "holdfast");
        assertThat(install.exit()).as(install.all()).isEqualTo(ExitCode.OK);
        JsonNode after = JSON.readTree(settings.toFile());
        assertThat(after.at("/hooks/PreToolUse/0/matcher").asText()).isEqualTo("Edit");
        assertThat(after.at("/hooks/PreToolUse/1/matcher").asText()).isEqualTo("Bash");
        assertThat(after.at("/permissions/allow/0").asText()).isEqualTo("Bash(npm test)");
        assertThat(CliRunner.run("hooks", "uninstall", repo.toString()).exit()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(settings)).isEqualTo(before);

        // edited after install: only holdfast's entry goes, the user's edit stays
        CliRunner.run("hooks", "install", repo.toString(), "--agent", "claude", "--shared", "--launcher", "holdfast");
        ObjectNode edited = (ObjectNode) JSON.readTree(settings.toFile());
        edited.putObject("env").put("FOO", "bar");
        Files.writeString(settings, edited.toString());
        CliRunner.Run un = CliRunner.run("hooks", "uninstall", repo.toString());
        assertThat(un.out()).contains("which was edited since; the rest is kept");
        JsonNode left = JSON.readTree(settings.toFile());
        assertThat(left.at("/env/FOO").asText()).isEqualTo("bar");
        assertThat(left.at("/hooks/PreToolUse").size()).isEqualTo(1);
        assertThat(left.toString()).doesNotContain("hooks run --agent");
    }

    @Test
    void aConfigurationWithCommentsIsNeverRewritten() throws Exception {
        Sandbox s = new Sandbox(tmp);
        Path repo = s.repo("repo");
        Path settings = repo.resolve(".gemini/settings.json");
        Files.createDirectories(settings.getParent());
        String before = "{\n  // the team's model\n  \"model\": {\"name\": \"gemini-2.5-pro\"},\n}\n";
        Files.writeString(settings, before);
        CliRunner.Run r = CliRunner.run("hooks", "install", repo.toString(), "--agent", "gemini", "--launcher",
                "holdfast");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("has comments or trailing commas").contains("\"BeforeTool\"");
        assertThat(Files.readString(settings)).isEqualTo(before);
        assertThat(repo.resolve(".git/holdfast")).doesNotExist();
    }

    @Test
    void aBrokenHookInputBlocksSayingSoUnlessFailOpen() {
        CliRunner.Run r = CliRunner.runWithInput("{not json", Map.of(), "hooks", "run", "--agent", "claude");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("hook input is not JSON");
        CliRunner.Run open = CliRunner.runWithInput("{not json", Map.of(), "hooks", "run", "--agent", "claude",
                "--fail-open");
        assertThat(open.exit()).isZero();
        assertThat(open.err()).contains("letting the tool call through (--fail-open)");
        CliRunner.Run huge = CliRunner.runWithInput("{\"cwd\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}", Map.of(),
                "hooks", "run", "--agent", "claude");
        assertThat(huge.exit()).isEqualTo(2);
        assertThat(huge.err().lines().toList()).hasSize(1).first().asString().contains("over 4 MiB");
        CliRunner.Run unknown = CliRunner.runWithInput("{}", Map.of(), "hooks", "run", "--agent", "clippy");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown agent 'clippy' (known: claude, codex, cursor, gemini)");
    }
}

package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.cli.hooks.AgentTool;
import dev.holdfast.cli.hooks.GitAction;
import dev.holdfast.cli.hooks.GitInvocation;
import dev.holdfast.cli.hooks.PushArguments;
import dev.holdfast.scanner.change.Staging;
import dev.holdfast.scanner.scan.ScanWorkflow;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code holdfast hooks run --agent ID}: what a coding agent's hook runs before each shell tool call. It reads the
 * agent's own hook input, finds the {@code git commit} and {@code git push} commands the call will run (a call that
 * runs neither is let through at once), scans what each would add or send as the git hooks do, and answers in the
 * agent's protocol: exit 2 with the reason on stderr (Claude Code, Codex, Gemini CLI) or a JSON permission (Cursor).
 * Its own failure blocks, saying so, unless {@code --fail-open}.
 */
final class AgentHookRun {
    private static final int MAX_INPUT = 4 * 1024 * 1024;

    private final Console console;
    private final Clock clock;

    AgentHookRun(Console console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    int run(AgentTool tool, boolean failOpen, Path record, String failOn, boolean verbose) {
        JsonNode input;
        try {
            byte[] bytes = console.in().readNBytes(MAX_INPUT + 1);
            if (bytes.length > MAX_INPUT) {
                return answer(tool, null, "holdfast: the " + tool.name() + " hook input is over 4 MiB", failOpen);
            }
            input = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            return answer(tool, null, "holdfast: the " + tool.name() + " hook input is not JSON ("
                    + e.getClass().getSimpleName() + ")", failOpen);
        }
        if (input == null || !input.isObject()) {
            return answer(tool, null, "holdfast: the " + tool.name() + " hook input is not a JSON object", failOpen);
        }
        String toolName = text(input, tool.pointers().get("tool"));
        if (!tool.tools().isEmpty() && toolName != null && !tool.tools().contains(toolName)) {
            return allow(tool);
        }
        String command = text(input, tool.pointers().get("command"));
        String session = text(input, tool.pointers().get("session"));
        String cwd = text(input, tool.pointers().get("cwd"));
        Path dir = Path.of(cwd != null ? cwd : console.env().getOrDefault("CLAUDE_PROJECT_DIR", "."))
                .toAbsolutePath().normalize();
        List<GitAction> actions = GitAction.plan(GitInvocation.in(command, dir));
        HookScan scan = new HookScan(console, clock, ScanWorkflow.detectors(clock));
        HookRunner runner = new HookRunner(console, clock, scan);
        for (GitAction a : actions) {
            HookScan.Request req;
            try {
                req = request(a, tool, failOn);
            } catch (IOException | IllegalArgumentException e) {
                String line = HookRunner.failureLine(a instanceof GitAction.Push ? HookScan.Kind.PUSH
                        : HookScan.Kind.COMMIT, Main.oneLine(e.getMessage()), failOpen);
                if (!failOpen) {
                    return answer(tool, null, line, false);
                }
                console.err().println(line);
                continue;
            }
            HookRunner.Outcome o = runner.run(req, failOpen, record, session, verbose);
            if (o.blocked()) {
                return answer(tool, o.verdict() != null && o.verdict().blocks() ? o.verdict() : null,
                        o.failure(), false);
            }
            if (o.failure() != null) {
                console.err().println(o.failure());
            }
        }
        return allow(tool);
    }

    private HookScan.Request request(GitAction a, AgentTool tool, String failOn) throws IOException {
        if (a instanceof GitAction.Commit c) {
            return new HookScan.Request(c.dir(), c.dir().toString(), HookScan.Kind.COMMIT, c.staging(),
                    c.alsoPaths(), List.of(), null, tool.name(), failOn, null, null);
        }
        GitAction.Push p = (GitAction.Push) a;
        PushArguments.Plan plan;
        try (Repository repo = GitRepositories.open(p.dir(), console.env())) {
            plan = PushArguments.plan(repo, p.args());
        }
        return new HookScan.Request(p.dir(), p.dir().toString(), HookScan.Kind.PUSH, Staging.INDEX, List.of(),
                plan.updates(), plan.remote(), tool.name(), failOn, null, null);
    }

    /** Blocks with the verdict's message (or a failure line); a failure with --fail-open lets the call through. */
    private int answer(AgentTool tool, HookScan.Verdict verdict, String failure, boolean failOpen) {
        if (verdict == null && failOpen) {
            console.err().println(failure + "; letting the tool call through (--fail-open)");
            return allow(tool);
        }
        String message = verdict != null ? BlockMessage.render(verdict) : failure + "\n";
        if (tool.protocol() == AgentTool.Protocol.CURSOR_JSON) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("permission", "deny");
            n.put("user_message", message.lines().findFirst().orElse(message));
            n.put("agent_message", message);
            console.out().println(n.toString());
            return ExitCode.OK;
        }
        console.err().print(message);
        console.err().flush();
        return 2; // the agent's "block this tool call"; its other non-zero codes let the call run
    }

    private int allow(AgentTool tool) {
        if (tool.protocol() == AgentTool.Protocol.CURSOR_JSON) {
            console.out().println("{\"permission\":\"allow\"}");
        }
        return ExitCode.OK;
    }

    private static String text(JsonNode input, String pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode n = input.at(pointer);
        return n.isTextual() ? n.asText() : null;
    }
}

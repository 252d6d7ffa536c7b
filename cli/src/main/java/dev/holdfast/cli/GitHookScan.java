package dev.holdfast.cli;

import dev.holdfast.scanner.change.PrePushInput;
import dev.holdfast.scanner.change.Staging;
import dev.holdfast.scanner.push.RefUpdate;
import dev.holdfast.scanner.scan.ScanWorkflow;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code holdfast scan --staged} and {@code holdfast scan --pre-push}: what a git hook runs. The short block message
 * goes to stderr (nothing when the change is clean), where git shows every hook's output and agents read it; on stdout
 * {@code --format json} is the report with a {@code decision}, other formats the usual reports, text nothing. Exit 0 lets the work through, 1 blocks it, 2 and 3 block it because the scan could
 * not run (unless {@code --fail-open}).
 */
final class GitHookScan {
    private final Console console;
    private final Clock clock;

    GitHookScan(Console console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    int run(ScanCommand c) {
        HookScan.Kind kind = c.staged ? HookScan.Kind.COMMIT : HookScan.Kind.PUSH;
        List<RefUpdate> updates = List.of();
        if (kind == HookScan.Kind.PUSH) {
            try {
                updates = PrePushInput.parse(new InputStreamReader(console.in(), StandardCharsets.UTF_8));
                if (updates.isEmpty()) {
                    updates = PrePushInput.fromPreCommitFramework(console.env());
                }
            } catch (IOException | IllegalArgumentException e) {
                return fail(HookRunner.failureLine(kind, Main.oneLine(e.getMessage()), c.failOpen), c.failOpen,
                        ExitCode.USAGE);
            }
            if (updates.isEmpty()) {
                console.err().println("holdfast: nothing to push");
                return ExitCode.OK;
            }
        }
        String remote = c.remote != null ? c.remote : console.env().get("PRE_COMMIT_REMOTE_NAME");
        Path root = c.path.toAbsolutePath().normalize();
        HookScan.Request req = new HookScan.Request(root, c.path.toString(), kind, Staging.INDEX, List.of(), updates, remote,
                c.agent, c.failOn, c.config, c.baseline);
        HookScan scan = new HookScan(console, clock, ScanWorkflow.detectors(clock));
        HookRunner.Outcome o = new HookRunner(console, clock, scan).run(req, c.failOpen, c.record, null, c.verbosity.verbose);
        if (o.verdict() == null) {
            return fail(o.failure(), c.failOpen, o.exit());
        }
        HookScan.Verdict v = o.verdict();
        HookOutput.notes(v, console);
        if (v.empty() && kind == HookScan.Kind.COMMIT) {
            console.err().println("holdfast: nothing staged");
        }
        try {
            write(c, v);
        } catch (IOException e) {
            console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
            return c.failOpen ? ExitCode.OK : ExitCode.RUNTIME;
        }
        if (o.failure() != null) {
            console.err().println(o.failure());
        }
        return o.exit();
    }

    private void write(ScanCommand c, HookScan.Verdict v) throws IOException {
        OutputOptions out = c.output;
        boolean plain = out.output == null && out.extra.isEmpty();
        if (plain && "text".equals(out.format)) {
            // the message alone, on stderr: git shows a hook's stderr for every hook, and agents read it
        } else if (plain && "json".equals(out.format)) {
            Writer w = new OutputStreamWriter(console.out(), StandardCharsets.UTF_8);
            w.write(HookOutput.json(v, c.failOn));
            w.flush();
        } else {
            out.write(v.result(), console, c.path.toAbsolutePath().normalize());
        }
        if (v.blocks()) {
            console.err().print(BlockMessage.render(v));
            console.err().flush();
        }
    }

    private int fail(String line, boolean failOpen, int exit) {
        console.err().println(line);
        return failOpen ? ExitCode.OK : exit;
    }
}

package dev.holdfast.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs a hook's scan and decides: block (exit 1), let through (0), or — when the scan itself failed or was partial —
 * say so and block with the failure's exit code, unless {@code --fail-open} lets the work through. A blocked attempt is
 * appended to the {@code --record} file. Output is the caller's: a git hook and an agent's hook speak differently.
 */
final class HookRunner {

    /**
     * @param verdict the scan's verdict, or null when it failed
     * @param failure one line saying the scan failed and what happens now, or null
     */
    record Outcome(int exit, HookScan.Verdict verdict, String failure) {
        boolean blocked() {
            return exit != ExitCode.OK;
        }
    }

    private final Console console;
    private final Clock clock;
    private final HookScan scan;

    HookRunner(Console console, Clock clock, HookScan scan) {
        this.console = console;
        this.clock = clock;
        this.scan = scan;
    }

    Outcome run(HookScan.Request req, boolean failOpen, Path record, String session, boolean verbose) {
        HookScan.Verdict v;
        try {
            v = scan.run(req);
        } catch (HookScan.Failure e) {
            if (verbose) {
                e.printStackTrace(console.err());
            }
            return failed(req.kind(), Main.oneLine(e.getMessage()), e.exit, failOpen);
        }
        if (v.result().partial()) {
            return new Outcome(failOpen ? ExitCode.OK : ExitCode.RUNTIME, v, failureLine(req.kind(),
                    "the scan was partial (" + v.result().warnings().size() + " warnings)", failOpen));
        }
        if (v.blocks() && record != null) {
            try {
                AuditLog.append(record, v, session, clock.instant());
            } catch (IOException | RuntimeException e) {
                console.err().println("holdfast: warning: could not append to the record " + record + ": "
                        + Main.oneLine(String.valueOf(e.getMessage())));
            }
        }
        return new Outcome(v.blocks() ? ExitCode.FINDINGS : ExitCode.OK, v, null);
    }

    private static Outcome failed(HookScan.Kind kind, String reason, int exit, boolean failOpen) {
        return new Outcome(failOpen ? ExitCode.OK : exit, null, failureLine(kind, reason, failOpen));
    }

    /** The one line a failed hook prints: what failed, and whether the work goes through. */
    static String failureLine(HookScan.Kind kind, String reason, boolean failOpen) {
        return "holdfast: the " + kind.hook + " scan failed: " + reason + "; " + (failOpen
                ? "letting the " + kind.verb + " through (--fail-open)"
                : "the " + kind.verb + " is blocked" + (kind == HookScan.Kind.COMMIT
                ? " (nothing was committed; your changes are still staged)" : "")
                + ": fix the cause, or install the hook with --fail-open to let work through when the scan fails");
    }
}

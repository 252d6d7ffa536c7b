package dev.holdfast.cli;

/** The exit codes of the user contract in DESIGN.md. */
public final class ExitCode {
    /** Nothing at or above --fail-on. */
    public static final int OK = 0;
    /** Findings that fail the run (or a stale baseline under --check). */
    public static final int FINDINGS = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;
    /** Runtime failure: unreadable repository, network, bad credentials. */
    public static final int RUNTIME = 3;

    private ExitCode() {
    }
}

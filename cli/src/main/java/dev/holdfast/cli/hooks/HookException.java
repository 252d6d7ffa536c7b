package dev.holdfast.cli.hooks;

/** Installing or removing hooks cannot go on: one line saying why (the command prints it, exit 2 or 3). */
public final class HookException extends RuntimeException {
    private final boolean usage;

    public HookException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    /** True for a problem with what the user asked or has (exit 2), false for a failure while doing it (exit 3). */
    public boolean usage() {
        return usage;
    }
}

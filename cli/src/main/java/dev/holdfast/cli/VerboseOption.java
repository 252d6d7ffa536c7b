package dev.holdfast.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every command: {@link Failures} prints the stack trace of a failure when it is given. */
final class VerboseOption {
    static final String NAME = "--verbose";

    @Option(names = NAME, description = "stack traces on failure")
    boolean verbose;
}

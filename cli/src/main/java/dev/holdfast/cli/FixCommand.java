package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast fix`: build a branch that reapplies removed fixes. */
@Command(name = "fix", mixinStandardHelpOptions = true, description = "build a branch that reapplies removed fixes")
public final class FixCommand implements Callable<Integer> {
    private final Console console;

    public FixCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'fix' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

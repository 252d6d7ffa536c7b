package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast baseline`: write or refresh the baseline with the fix ledger. */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = "write or refresh the baseline with the fix ledger")
public final class BaselineCommand implements Callable<Integer> {
    private final Console console;

    public BaselineCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'baseline' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

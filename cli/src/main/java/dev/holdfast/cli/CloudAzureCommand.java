package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code holdfast cloud azure}. */
@Command(name = "azure", mixinStandardHelpOptions = true, description = "Inventory Azure (Graph, ARM) and evaluate it.")
public final class CloudAzureCommand implements Callable<Integer> {
    private final Console console;

    public CloudAzureCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: cloud azure is not available in this build yet");
        return ExitCode.USAGE;
    }
}

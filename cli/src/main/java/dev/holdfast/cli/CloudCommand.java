package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast cloud`: snapshot and evaluate cloud IAM (aws|azure). */
@Command(name = "cloud", mixinStandardHelpOptions = true, description = "snapshot and evaluate cloud IAM (aws|azure)")
public final class CloudCommand implements Callable<Integer> {
    private final Console console;

    public CloudCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'cloud' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

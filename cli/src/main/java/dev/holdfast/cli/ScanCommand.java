package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast scan`: scan a working tree, history or a push range. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "scan a working tree, history or a push range")
public final class ScanCommand implements Callable<Integer> {
    private final Console console;

    public ScanCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'scan' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast demo`: build a demo repository where an AI agent undoes a fix, and scan it. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "build a demo repository where an AI agent undoes a fix, and scan it")
public final class DemoCommand implements Callable<Integer> {
    private final Console console;

    public DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'demo' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast rules`: list the rules; 'rules test' runs their examples. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "list the rules; 'rules test' runs their examples")
public final class RulesCommand implements Callable<Integer> {
    private final Console console;

    public RulesCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'rules' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

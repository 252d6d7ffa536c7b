package dev.holdfast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** `holdfast org-matrix`: print an organisation's repositories as GitHub Actions matrix JSON. */
@Command(name = "org-matrix", mixinStandardHelpOptions = true, description = "print an organisation's repositories as GitHub Actions matrix JSON")
public final class OrgMatrixCommand implements Callable<Integer> {
    private final Console console;

    public OrgMatrixCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("holdfast: 'org-matrix' is not available in this build yet");
        return ExitCode.USAGE;
    }
}

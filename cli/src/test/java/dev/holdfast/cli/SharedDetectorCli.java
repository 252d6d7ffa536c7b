package dev.holdfast.cli;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.scan.ConfiguredDetectors;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real {@code baseline} and {@code fix} commands in-process, with the real detectors built once and shared: for
 * tests that run many repositories through the CLI (the fix-fidelity cases).
 */
public final class SharedDetectorCli {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static Detector detector;

    private SharedDetectorCli() {
    }

    private static synchronized Detector detector() {
        if (detector == null) {
            detector = ConfiguredDetectors.build(HoldfastConfig.defaults(), CLOCK);
        }
        return detector;
    }

    /** Runs {@code holdfast <command> <repo> <args…>}; returns the exit code with what it printed. */
    public static CliRunner.Run run(String command, Path repo, String... args) {
        CommandRunner r = new CommandRunner();
        String[] all = new String[args.length + 1];
        all[0] = repo.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        Object cmd = switch (command) {
            case "baseline" -> new BaselineCommand(r.console, CLOCK, cfg -> detector());
            case "fix" -> new FixCommand(r.console, CLOCK, cfg -> detector());
            case "scan" -> new ScanCommand(r.console, CLOCK);
            default -> throw new IllegalArgumentException(command);
        };
        return r.run(cmd, all);
    }
}

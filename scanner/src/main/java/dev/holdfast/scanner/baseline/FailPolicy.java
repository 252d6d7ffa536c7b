package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;

import java.util.List;
import java.util.function.Predicate;

/**
 * What fails a run ({@code --fail-on}): {@code new} (default) fails on new and regressed findings and on accepted
 * risks whose acceptance expired; {@code regressed} only on regressions; {@code any} on every finding that is neither
 * fixed nor an accepted risk still within its date; {@code none} never. Same semantics as the CLI's {@code FailOn}.
 */
public final class FailPolicy {
    public static final List<String> VALUES = List.of("none", "new", "regressed", "any");
    public static final String DEFAULT = "new";

    private FailPolicy() {
    }

    /** Throws {@link IllegalArgumentException} with a one-line message for an unknown value. */
    public static Predicate<Finding> predicate(String failOn) {
        String v = failOn == null ? DEFAULT : failOn.trim();
        return switch (v) {
            case "none" -> f -> false;
            case "new" -> f -> f.status() == Status.NEW || f.status() == Status.REGRESSED
                    || FindingProperty.isTrue(FindingProperty.ACCEPTANCE_EXPIRED, f);
            case "regressed" -> f -> f.status() == Status.REGRESSED;
            case "any" -> f -> f.status() != Status.FIXED && (!FindingProperty.isTrue(FindingProperty.ACCEPTED, f)
                    || FindingProperty.isTrue(FindingProperty.ACCEPTANCE_EXPIRED, f));
            default -> throw new IllegalArgumentException("--fail-on must be one of none, new, regressed, any (got '"
                    + v + "')");
        };
    }

    public static boolean fails(ScanResult result, String failOn) {
        return result.findings().stream().anyMatch(predicate(failOn));
    }

    /** The findings that fail the run, in report order. */
    public static List<Finding> failing(ScanResult result, String failOn) {
        return result.findings().stream().filter(predicate(failOn)).toList();
    }
}

package dev.holdfast.remediator;

import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import org.eclipse.jgit.lib.Repository;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The regressed findings of a scan against a baseline, as {@link FixPlanner} takes them. */
public final class Regressions {
    private Regressions() {
    }

    /**
     * The regressed findings, with their paths relative to the repository (a scan of a folder inside it reports them
     * relative to that folder) and the paths the ledger's fix changed ({@link FindingProperty#FIX_PATHS}), so that a
     * file renamed since still gets its fix back.
     *
     * @param scanned the folder the scan read
     */
    public static List<Finding> of(ScanResult result, Baseline baseline, Repository repo, Path scanned) {
        Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
        Path root = scanned.toAbsolutePath().normalize();
        String prefix = top.equals(root) ? "" : top.relativize(root).toString().replace('\\', '/') + "/";
        List<Finding> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.status() != Status.REGRESSED) {
                continue;
            }
            Finding g = withFixPaths(f, baseline);
            out.add(prefix.isEmpty() || g.location() == null || g.location().path() == null ? g
                    : g.withLocation(g.location().withPath(prefix + g.location().path())));
        }
        return out;
    }

    /** A finding regressed by place (a different value where the fix had put a reference) names its ledger entry. */
    private static Finding withFixPaths(Finding f, Baseline baseline) {
        var entry = baseline.ledger().get(Objects.requireNonNullElse(FindingProperty.FIXED_FINDING.get(f),
                f.fingerprint()));
        if (entry == null || entry.changes().isEmpty()) {
            return f;
        }
        return FindingProperty.FIX_PATHS.on(f, String.join(",", entry.changes().stream().map(c -> c.path()).toList()));
    }
}

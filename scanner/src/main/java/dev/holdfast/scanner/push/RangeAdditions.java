package dev.holdfast.scanner.push;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.git.FindingOrigins;
import dev.holdfast.scanner.git.ObjectFetcher;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a range of commits really adds. A range scan sees every version its commits wrote, so a file whose lines
 * merely moved — shifted by lines added above, re-indented, commented around, renamed — shows its old secrets again.
 * A finding is added by the range only when the commit that introduced its value ({@link FindingOrigins}) is one of
 * the range's commits; it is then attributed to that commit. The others were already there before the range, and
 * their author is whoever really added them, outside it.
 */
public final class RangeAdditions {
    private final Repository repo;
    private final FindingOrigins origins;

    /**
     * @param detector finds the findings again to learn their values (the rules that produced them suffice)
     * @param factory  fingerprints exactly as the range scan did
     */
    public RangeAdditions(Repository repo, Detector detector, FindingFactory factory, CommitAuthorClassifier identities,
                          ObjectFetcher fetcher) {
        this.repo = repo;
        this.origins = new FindingOrigins(repo, "", detector, factory, identities, fetcher);
    }

    /**
     * @param added    the findings the range introduced, attributed to the commit that did
     * @param existing how many of the scanned findings were already there before the range
     */
    public record Result(ScanResult added, int existing) {
    }

    /** Keeps, of a scan of {@code set}'s commits, the findings those commits introduced. */
    public Result keepAdded(ScanResult scanned, CommitSet set) throws IOException {
        Set<ObjectId> range = set.commits(repo);
        FindingOrigins.Result traced = origins.trace(scanned.findings(), FindingOrigins.Content.locationCommit());
        List<Finding> kept = new ArrayList<>();
        int existing = 0;
        for (FindingOrigins.Traced t : traced.traced()) {
            ObjectId by = t.commit();
            if (by != null && !range.contains(by)) {
                existing++;
            } else {
                // Introduced in the range, or not traceable (the value could not be found again): reported.
                kept.add(t.attributed());
            }
        }
        List<ScanWarning> warnings = new ArrayList<>(scanned.warnings());
        warnings.addAll(traced.warnings());
        return new Result(new ScanResult(scanned.target(), kept, scanned.rules(), warnings, scanned.partial()),
                existing);
    }
}

package dev.holdfast.scanner.git;

import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commits to scan, as a rev-walk sees them: everything reachable from {@code starts} and not from
 * {@code excluded}.
 *
 * @param tip        the newest commit of interest (HEAD or the range's end), null for an empty repository
 * @param warnings   what the user must know about how the set was chosen (force push, shallow clone)
 * @param incomplete true when history the set should cover is not in the clone (a whole-history scan of a shallow
 *                   clone): a scan of it is partial, never clean
 */
public record CommitSet(List<ObjectId> starts, List<ObjectId> excluded, ObjectId tip, List<ScanWarning> warnings,
                        boolean incomplete) {
    public CommitSet {
        starts = List.copyOf(starts);
        excluded = List.copyOf(excluded);
        warnings = List.copyOf(warnings);
    }

    public CommitSet(List<ObjectId> starts, List<ObjectId> excluded, ObjectId tip, List<ScanWarning> warnings) {
        this(starts, excluded, tip, warnings, false);
    }

    /** The commits themselves: reachable from {@link #starts()} and not from {@link #excluded()}. */
    public Set<ObjectId> commits(Repository repo) throws IOException {
        Set<ObjectId> out = new LinkedHashSet<>();
        try (RevWalk rw = new RevWalk(repo)) {
            rw.setRetainBody(false);
            for (ObjectId id : starts) {
                rw.markStart(rw.parseCommit(id));
            }
            for (ObjectId id : excluded) {
                rw.markUninteresting(rw.parseCommit(id));
            }
            for (RevCommit c : rw) {
                out.add(c.copy());
            }
        }
        return out;
    }
}

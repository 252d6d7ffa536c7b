package dev.holdfast.git;

import dev.holdfast.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

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

    /** The same set with one more warning. */
    public CommitSet warn(ScanWarning w) {
        List<ScanWarning> ws = new java.util.ArrayList<>(warnings);
        ws.add(w);
        return new CommitSet(starts, excluded, tip, ws, incomplete);
    }
}

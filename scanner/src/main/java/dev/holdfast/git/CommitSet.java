package dev.holdfast.git;

import dev.holdfast.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

/**
 * The commits to scan, as a rev-walk sees them: everything reachable from {@code starts} and not from
 * {@code excluded}.
 *
 * @param tip      the newest commit of interest (HEAD or the range's end), null for an empty repository
 * @param warnings what the user must know about how the set was chosen (force push, shallow clone)
 */
public record CommitSet(List<ObjectId> starts, List<ObjectId> excluded, ObjectId tip, List<ScanWarning> warnings) {
    public CommitSet {
        starts = List.copyOf(starts);
        excluded = List.copyOf(excluded);
        warnings = List.copyOf(warnings);
    }
}

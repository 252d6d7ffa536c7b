package dev.holdfast.scanner.change;

import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;
import java.util.Set;

/**
 * What the next commit would add: the files it adds or changes, and what came before them.
 *
 * @param head        the commit HEAD points at, or null on an unborn branch (no commits yet)
 * @param priorTrees  the trees the commit's parents would have: HEAD's, and in a merge every MERGE_HEAD's
 * @param pending     files added or changed, sorted by path
 * @param touched     paths whose prior version the change replaces or deletes: where a moved line may come from
 * @param notes       one line each about the repository's state (merge or rebase in progress, no commits yet,
 *                    unmerged paths); never a secret
 */
public record StagedChange(ObjectId head, List<ObjectId> priorTrees, List<PendingFile> pending, Set<String> touched,
                           List<ScanWarning> notes) {
    public StagedChange {
        priorTrees = List.copyOf(priorTrees);
        pending = List.copyOf(pending);
        touched = Set.copyOf(touched);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return pending.isEmpty() && touched.isEmpty();
    }
}

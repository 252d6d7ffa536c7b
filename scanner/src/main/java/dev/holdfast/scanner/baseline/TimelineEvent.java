package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Attribution;

import java.util.List;

/**
 * A finding appearing in or disappearing from the tree at one commit.
 *
 * @param parent the parent the change was made against (null for a root commit)
 * @param by     who made the commit
 * @param paths  where it appeared (introduced) or the files it was removed from (removed), sorted
 */
public record TimelineEvent(Kind kind, String commit, String parent, Attribution by, List<String> paths) {

    public enum Kind { INTRODUCED, REMOVED }

    public TimelineEvent {
        paths = List.copyOf(paths);
    }
}

package dev.holdfast.scanner.push;

import dev.holdfast.scanner.git.CommitSet;

/** What a push, a pull request or a schedule asks to scan. */
public sealed interface PushScope {

    /** One line for the log and the job summary. */
    String description();

    /**
     * Nothing new: a deleted ref, a ref created at a commit another ref already holds, a rewind.
     *
     * @param refGone the ref no longer exists (deleted): there is no head to describe either
     */
    record Nothing(String description, boolean refGone) implements PushScope {
        public Nothing(String description) {
            this(description, false);
        }
    }

    /** These commits (what the push adds); {@code set.warnings()} say when the choice had to fall back. */
    record Commits(CommitSet set, int count, String description) implements PushScope {
    }

    /** Every commit reachable from any ref (the nightly scan). */
    record WholeHistory(String description) implements PushScope {
    }
}

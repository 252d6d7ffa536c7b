package dev.holdfast.baseline;

import dev.holdfast.git.CommitAttribution;
import dev.holdfast.identity.CommitAuthorClassifier;
import dev.holdfast.model.Attribution;
import org.eclipse.jgit.revwalk.RevCommit;

/** Says who made a commit (human, bot or agent, and for whom). */
@FunctionalInterface
public interface CommitAttributor {
    Attribution attribute(RevCommit commit);

    /** Classified by the identity patterns (built-in plus configured), as history and blame attribution are. */
    static CommitAttributor of(CommitAuthorClassifier identities) {
        return commit -> CommitAttribution.of(commit, commit.name(), identities);
    }
}

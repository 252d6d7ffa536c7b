package dev.holdfast.scanner.baseline;

import dev.holdfast.scanner.git.CommitAttribution;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Attribution;
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

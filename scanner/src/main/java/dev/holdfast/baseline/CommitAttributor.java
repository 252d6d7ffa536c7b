package dev.holdfast.baseline;

import dev.holdfast.model.Attribution;
import org.eclipse.jgit.revwalk.RevCommit;

/** Says who made a commit (human, bot or agent, and for whom). The history work supplies the real classifier. */
@FunctionalInterface
public interface CommitAttributor {
    Attribution attribute(RevCommit commit);
}

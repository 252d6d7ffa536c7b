package dev.holdfast.scanner.git;

import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Person;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;

/** Builds the attribution of one commit: its author, date and identity kind (and whom an agent acted for). */
public final class CommitAttribution {
    private CommitAttribution() {
    }

    /** Works on a commit whose body a walk did not retain: re-reads it from the object database. */
    public static dev.holdfast.rules.model.Attribution of(RevWalk rw, RevCommit c, CommitAuthorClassifier identities)
            throws IOException {
        RevCommit full = c.getRawBuffer() != null ? c
                : RevCommit.parse(rw, rw.getObjectReader().open(c).getCachedBytes());
        return of(full, c.name(), identities);
    }

    /** For a commit parsed with its body. */
    public static Attribution of(RevCommit c, String commitId, CommitAuthorClassifier identities) {
        PersonIdent author = c.getAuthorIdent();
        PersonIdent committer = c.getCommitterIdent();
        return identities.attribute(commitId, person(author), person(committer), c.getFullMessage(),
                author == null ? null : author.getWhenAsInstant());
    }

    private static Person person(PersonIdent p) {
        return p == null ? null : new Person(p.getName(), p.getEmailAddress());
    }
}

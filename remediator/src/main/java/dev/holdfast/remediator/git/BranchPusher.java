package dev.holdfast.remediator.git;

import dev.holdfast.remediator.RemediationException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.util.Collection;

/**
 * Pushes a fix branch with JGit. The remote branch is overwritten only when Holdfast wrote what is there (checked
 * after fetching it) and only if it has not moved since (a lease), so a person's commits on it are never lost.
 */
public final class BranchPusher {

    public enum State { PUSHED, UP_TO_DATE, FOREIGN }

    public record Outcome(String branch, State state, String remoteCommit) {
    }

    private final CredentialsProvider credentials;
    private final String botEmail;

    /** @param credentials for HTTPS remotes (e.g. x-access-token + the GitHub token), or null */
    public BranchPusher(CredentialsProvider credentials, String botEmail) {
        this.credentials = credentials;
        this.botEmail = botEmail;
    }

    public Outcome push(Repository repo, String remote, String branch) {
        String ref = Constants.R_HEADS + branch;
        try (Git git = Git.wrap(repo)) {
            Ref local = repo.exactRef(ref);
            if (local == null) {
                throw new RemediationException("there is no local branch " + branch + " to push");
            }
            Collection<Ref> remoteRefs = git.lsRemote().setRemote(remote).setHeads(true)
                    .setCredentialsProvider(credentials).call();
            Ref there = remoteRefs.stream().filter(r -> r.getName().equals(ref)).findFirst().orElse(null);
            if (there != null && there.getObjectId().equals(local.getObjectId())) {
                return new Outcome(branch, State.UP_TO_DATE, there.getObjectId().name());
            }
            if (there != null) {
                String tracking = Constants.R_REMOTES + trackingName(repo, remote) + "/" + branch;
                git.fetch().setRemote(remote).setCredentialsProvider(credentials)
                        .setRefSpecs(new RefSpec("+" + ref + ":" + tracking)).call();
                try (RevWalk walk = new RevWalk(repo)) {
                    RevCommit theirs = walk.parseCommit(there.getObjectId());
                    if (!botEmail.equalsIgnoreCase(theirs.getAuthorIdent().getEmailAddress())) {
                        return new Outcome(branch, State.FOREIGN, theirs.name());
                    }
                }
            }
            var push = git.push().setRemote(remote).setCredentialsProvider(credentials)
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref));
            if (there != null) {
                push.setRefLeaseSpecs(new RefLeaseSpec(ref, there.getObjectId().name()));
            }
            for (PushResult result : push.call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update != null && update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new RemediationException("push of " + branch + " to " + remote + " was refused: "
                            + update.getStatus() + (update.getMessage() == null ? "" : " " + update.getMessage()));
                }
            }
            return new Outcome(branch, State.PUSHED, local.getObjectId().name());
        } catch (GitAPIException | IOException e) {
            throw new RemediationException("cannot push " + branch + " to " + remote + ": "
                    + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "), e);
        }
    }

    /** The configured remote's name, else a fixed name for a URL remote. */
    private static String trackingName(Repository repo, String remote) {
        return repo.getRemoteNames().contains(remote) ? remote : "holdfast-push";
    }
}

package dev.holdfast.change;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One ref a push updates, as git's pre-push hook receives it on stdin:
 * {@code <local ref> SP <local object name> SP <remote ref> SP <remote object name> LF}.
 *
 * @param localRef  the local ref pushed ({@code (delete)} for a deletion)
 * @param local     what the remote ref will point at; zero for a deletion
 * @param remoteRef the ref updated on the remote
 * @param remote    what the remote ref points at now, as far as git knows; zero for a new ref
 */
public record PushUpdate(String localRef, ObjectId local, String remoteRef, ObjectId remote) {

    public boolean deletes() {
        return ObjectId.zeroId().equals(local);
    }

    public boolean creates() {
        return ObjectId.zeroId().equals(remote);
    }
}

package dev.holdfast.scanner.push;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.util.Objects;

/**
 * One ref a push moved, as GitHub's push event and git's pre-push hook both describe it: the ref, its old and its new
 * value. An all-zero old id is a created ref, an all-zero new id a deleted one.
 *
 * @param ref    the full ref name, e.g. {@code refs/heads/main} or {@code refs/tags/v1.2}
 * @param oldId  40 hex digits
 * @param newId  40 hex digits
 * @param forced the pusher said so (GitHub's {@code forced}); a new head that does not descend from the old one is
 *               treated as a force push either way
 */
public record RefUpdate(String ref, String oldId, String newId, boolean forced) {

    public RefUpdate {
        Objects.requireNonNull(ref, "ref");
        if (!ObjectId.isId(oldId) || !ObjectId.isId(newId)) {
            throw new IllegalArgumentException("a ref update needs two 40-digit commit ids");
        }
    }

    public boolean created() {
        return ObjectId.zeroId().name().equals(oldId);
    }

    public boolean deleted() {
        return ObjectId.zeroId().name().equals(newId);
    }

    public boolean isTag() {
        return ref.startsWith(Constants.R_TAGS);
    }

    /** "branch main", "tag v1.2" or the ref itself. */
    public String describe() {
        if (ref.startsWith(Constants.R_HEADS)) {
            return "branch " + ref.substring(Constants.R_HEADS.length());
        }
        return isTag() ? "tag " + ref.substring(Constants.R_TAGS.length()) : ref;
    }

    /** Whether a local ref of the clone stands for this pushed ref (the branch itself, or its remote-tracking copy). */
    boolean names(String localRef) {
        if (localRef.equals(ref)) {
            return true;
        }
        if (ref.startsWith(Constants.R_HEADS) && localRef.startsWith(Constants.R_REMOTES)) {
            String rest = localRef.substring(Constants.R_REMOTES.length());
            int slash = rest.indexOf('/');
            return slash > 0 && rest.substring(slash + 1).equals(ref.substring(Constants.R_HEADS.length()));
        }
        return false;
    }
}

package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.AnyObjectId;

import java.io.IOException;
import java.util.Collection;

/**
 * Asks a remote for objects by id: the old head of a force push that the clone never had, or the blobs a partial
 * clone left out. The remote decides what it serves; callers check what arrived.
 */
public interface ObjectFetcher {
    /** Never fetches: for scans that must not touch the network ({@code --no-fetch}). */
    ObjectFetcher NONE = new ObjectFetcher() {
        @Override
        public Outcome fetchCommits(Collection<? extends AnyObjectId> ids) {
            return new Outcome(false, "fetching is off (--no-fetch)");
        }

        @Override
        public Outcome fetchBlobs(Collection<? extends AnyObjectId> ids) {
            return new Outcome(false, "fetching is off (--no-fetch)");
        }

        @Override
        public Outcome fetchMissingBlobs(Collection<String> revisions, Collection<String> paths) {
            return new Outcome(false, "fetching is off (--no-fetch)");
        }

        @Override
        public String remote() {
            return null;
        }
    };

    /**
     * What a fetch did.
     *
     * @param ok     the remote answered and the fetch completed (the objects may still be absent: check)
     * @param detail why not, in one line, when {@code ok} is false
     */
    record Outcome(boolean ok, String detail) {
    }

    /** Fetches these commits (and what they need) by id. */
    Outcome fetchCommits(Collection<? extends AnyObjectId> ids) throws IOException;

    /** Fetches these blobs by id, as a partial clone does on demand. */
    Outcome fetchBlobs(Collection<? extends AnyObjectId> ids) throws IOException;

    /**
     * Fetches in one request every blob a partial clone lacks in the history of {@code revisions} (git rev-list
     * arguments, e.g. {@code --all} or {@code A ^B}), limited to {@code paths} when there are any.
     */
    Outcome fetchMissingBlobs(Collection<String> revisions, Collection<String> paths) throws IOException;

    /** The remote asked, for messages; null when there is none. */
    String remote();
}

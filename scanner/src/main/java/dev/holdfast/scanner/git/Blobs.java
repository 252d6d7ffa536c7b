package dev.holdfast.scanner.git;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads blobs, and in a partial clone fetches the ones it left out from its promisor remote first, in one batch
 * ({@link #prefetch}) or one at a time. A blob that cannot be had is a {@link MissingObjectsException} naming the
 * blob, its path and commit, and what to do.
 */
public final class Blobs {
    private final ObjectReader reader;
    private final CloneState clone;
    private final ObjectFetcher fetcher;

    public Blobs(ObjectReader reader, CloneState clone, ObjectFetcher fetcher) {
        this.reader = reader;
        this.clone = clone;
        this.fetcher = fetcher;
    }

    /** Fetches in one request whichever of these blobs a partial clone lacks; nothing for a full clone. */
    public void prefetch(Collection<? extends AnyObjectId> ids) throws IOException {
        if (clone.promisor().isEmpty()) {
            return;
        }
        List<ObjectId> missing = new ArrayList<>();
        for (AnyObjectId id : ids) {
            if (!reader.has(id, Constants.OBJ_BLOB)) {
                missing.add(id.copy());
            }
        }
        if (!missing.isEmpty()) {
            fetcher.fetchBlobs(missing);
        }
    }

    /**
     * In a partial clone, fetches in one request the blobs it lacks in the history of {@code revisions} (git rev-list
     * arguments), limited to {@code paths} when given; nothing for a full clone. What still fails to arrive is
     * fetched one by one, or reported, when read.
     */
    public void prefetchHistory(Collection<String> revisions, Collection<String> paths) throws IOException {
        if (clone.promisor().isPresent()) {
            fetcher.fetchMissingBlobs(revisions, paths);
        }
    }

    /**
     * Before a scan reads the history of {@code revisions} (git rev-list arguments): in a partial clone, fetches the
     * blobs it left out, in one request; nothing for a full clone.
     *
     * @throws MissingObjectsException when they could not be fetched (one line: what and what to do)
     */
    public static void requireHistory(Repository repo, ObjectFetcher fetcher, Collection<String> revisions)
            throws IOException {
        CloneState clone = CloneState.of(repo);
        if (clone.promisor().isEmpty()) {
            return;
        }
        ObjectFetcher.Outcome o = fetcher.fetchMissingBlobs(revisions, List.of());
        if (!o.ok()) {
            String remote = clone.promisor().get();
            throw new MissingObjectsException("partial clone: the file versions to scan are not in the clone and "
                    + "could not be fetched from '" + remote + "' (" + o.detail() + "); fetch them with 'git fetch "
                    + "--refetch --no-filter " + remote + "' (or check out without a filter) and scan again");
        }
    }

    /**
     * @param path   where the blob sits, for the message
     * @param commit the commit it was read at, for the message (may be null)
     */
    public byte[] read(AnyObjectId blob, String path, AnyObjectId commit) throws IOException {
        try {
            return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        } catch (MissingObjectException e) {
            ObjectFetcher.Outcome fetched = clone.promisor().isPresent()
                    ? fetcher.fetchBlobs(List.of(blob.copy())) : null;
            if (fetched != null && fetched.ok() && reader.has(blob, Constants.OBJ_BLOB)) {
                return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
            }
            throw missing(blob, path, commit, fetched);
        }
    }

    /** The one-line error for a blob that is not there. */
    MissingObjectsException missing(AnyObjectId blob, String path, AnyObjectId commit, ObjectFetcher.Outcome fetched) {
        return missing(clone, blob, path, commit, fetched);
    }

    static MissingObjectsException missing(CloneState clone, AnyObjectId blob, String path, AnyObjectId commit,
                                           ObjectFetcher.Outcome fetched) {
        String what = "blob " + blob.abbreviate(12).name() + " (" + path
                + (commit == null ? "" : " at commit " + commit.abbreviate(12).name()) + ") is not in the repository";
        if (clone.promisor().isPresent()) {
            String remote = clone.promisor().get();
            return new MissingObjectsException(what + ": this is a partial clone and "
                    + (fetched == null || fetched.detail() == null ? "the remote '" + remote + "' did not supply it"
                    : fetched.detail())
                    + "; fetch every object with 'git fetch --refetch --no-filter " + remote + "' (or check out "
                    + "without a filter), or let holdfast fetch them (without --no-fetch)");
        }
        return new MissingObjectsException(what + ": the clone is incomplete or damaged; run 'git fsck' and fetch "
                + "again (or clone afresh)");
    }
}

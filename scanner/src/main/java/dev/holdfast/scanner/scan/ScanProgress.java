package dev.holdfast.scanner.scan;

/**
 * Listens to a scan's progress. Called often and from several threads; implementations must be thread-safe and
 * rate-limit their own output. Library code only reports; rendering (a terminal bar) belongs to the CLI.
 */
public interface ScanProgress {

    /** Ignores everything: the default when nobody watches. */
    ScanProgress NONE = new ScanProgress() {
    };

    /** Where the scan is now. */
    default void update(Snapshot snapshot) {
    }

    /** The scan ended (successfully or not); a renderer clears its line. */
    default void done() {
    }

    /**
     * Counters of a running scan.
     *
     * @param commitsDone  commits walked so far (0 outside git history)
     * @param commitsTotal commits to walk, or -1 when unknown
     * @param blobsDone    blobs or files scanned so far
     * @param blobsTotal   blobs or files to scan, or -1 while still being discovered
     * @param bytesDone    bytes of content scanned so far
     */
    record Snapshot(long commitsDone, long commitsTotal, long blobsDone, long blobsTotal, long bytesDone) {
    }
}

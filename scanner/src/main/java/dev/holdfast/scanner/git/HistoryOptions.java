package dev.holdfast.scanner.git;

import dev.holdfast.scanner.scan.ScanProgress;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What part of a repository's history to scan and how.
 *
 * @param mode        all reachable commits, commits since a revision (up to HEAD), or an explicit range
 * @param revision    for {@link Mode#SINCE}: the revision; for {@link Mode#RANGE}: "A..B"; else null
 * @param maxBlobSize blobs larger than this many bytes are skipped with a warning
 * @param threads     scanning threads (at least 1)
 * @param progress    where progress goes
 * @param ignored     paths (relative, '/' separated) whose content is not scanned, e.g. the config's ignore globs
 * @param lineMemory  0 to show the detector every blob whole; else each later version of a file is shown only with
 *                    the lines it changed (plus context, line numbers kept), the speed of a whole-history scan for
 *                    line-oriented detectors such as the secret rules, and this is how many lines of earlier
 *                    versions each path remembers at least (more for a larger file: as many as its last version
 *                    has); the memory stays bounded by the file whatever the length of its history
 * @param commits     for {@link Mode#COMMITS}: the commits, already chosen (a push, an event); else null
 */
public record HistoryOptions(Mode mode, String revision, long maxBlobSize, int threads, ScanProgress progress,
                             Predicate<String> ignored, long lineMemory, CommitSet commits) {

    /** Per path, at least 4,096 lines of earlier versions remembered (at most ~64 KiB of hashes for a small file). */
    public static final long DEFAULT_LINE_MEMORY = LineMemory.DEFAULT_FLOOR;

    /** Ignores nothing. */
    public static final Predicate<String> NOTHING_IGNORED = p -> false;

    /** 1 MiB: larger blobs are data or vendored files far more often than hand-written config. */
    public static final long DEFAULT_MAX_BLOB_SIZE = 1024L * 1024L;

    public enum Mode { ALL, SINCE, RANGE, COMMITS }

    public HistoryOptions {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.COMMITS) {
            Objects.requireNonNull(commits, "commits");
        } else if (mode != Mode.ALL && (revision == null || revision.isBlank())) {
            throw new IllegalArgumentException("a revision is required for --" + mode.name().toLowerCase());
        }
        if (maxBlobSize <= 0) {
            throw new IllegalArgumentException("the blob size cap must be positive, got " + maxBlobSize);
        }
        threads = Math.max(1, threads);
        progress = progress == null ? ScanProgress.NONE : progress;
        ignored = ignored == null ? NOTHING_IGNORED : ignored;
        lineMemory = Math.max(0, lineMemory);
    }

    /** Every commit reachable from any ref (--history). */
    public static HistoryOptions all() {
        return new HistoryOptions(Mode.ALL, null, DEFAULT_MAX_BLOB_SIZE, defaultThreads(), ScanProgress.NONE,
                NOTHING_IGNORED, DEFAULT_LINE_MEMORY, null);
    }

    /** Commits after {@code rev} up to HEAD (--since REV). */
    public static HistoryOptions since(String rev) {
        return new HistoryOptions(Mode.SINCE, rev, DEFAULT_MAX_BLOB_SIZE, defaultThreads(), ScanProgress.NONE,
                NOTHING_IGNORED, 0, null);
    }

    /** Commits in {@code A..B} (--range A..B); A may be all zeros for a new branch. */
    public static HistoryOptions range(String range) {
        return new HistoryOptions(Mode.RANGE, range, DEFAULT_MAX_BLOB_SIZE, defaultThreads(), ScanProgress.NONE,
                NOTHING_IGNORED, 0, null);
    }

    /** Exactly these commits, chosen beforehand (a push or an event: see {@code dev.holdfast.scanner.push}). */
    public static HistoryOptions commits(CommitSet set) {
        return new HistoryOptions(Mode.COMMITS, null, DEFAULT_MAX_BLOB_SIZE, defaultThreads(), ScanProgress.NONE,
                NOTHING_IGNORED, 0, set);
    }

    public HistoryOptions withMaxBlobSize(long bytes) {
        return new HistoryOptions(mode, revision, bytes, threads, progress, ignored, lineMemory, commits);
    }

    public HistoryOptions withThreads(int n) {
        return new HistoryOptions(mode, revision, maxBlobSize, n, progress, ignored, lineMemory, commits);
    }

    public HistoryOptions withProgress(ScanProgress p) {
        return new HistoryOptions(mode, revision, maxBlobSize, threads, p, ignored, lineMemory, commits);
    }

    public HistoryOptions withIgnored(Predicate<String> paths) {
        return new HistoryOptions(mode, revision, maxBlobSize, threads, progress, paths, lineMemory, commits);
    }

    /** 0 shows every blob whole (exact for any detector); see {@link #lineMemory()}. */
    public HistoryOptions withLineMemory(long lines) {
        return new HistoryOptions(mode, revision, maxBlobSize, threads, progress, ignored, lines, commits);
    }

    /** The report's target mode: "history" or "range". */
    public String targetMode() {
        return mode == Mode.ALL ? "history" : "range";
    }

    private static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}

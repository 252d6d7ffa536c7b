package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.LineReach;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.DetectionMerger;
import dev.holdfast.scanner.scan.Sanitize;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans the versions of every path in parallel, straight from the object database: a fixed set of worker threads,
 * each with its own {@link ObjectReader}, each taking one path at a time and its versions oldest first. Only blobs with
 * detections are remembered.
 *
 * <p>What a worker holds is bounded by files, not by history: one path's {@link LineMemory} (dropped when the path is
 * done), the version scanned last, and a run of that path's versions read ahead. Git stores most versions as deltas of others, so a run is
 * read base first ({@link PackOrder}), each version rebuilt from one read before it, then scanned oldest first; a run
 * holds at most its share of {@link MemoryBudget#readAhead()}, and always at least one version.
 */
final class BlobPool {
    private final Repository repo;
    private final Detector detector;
    private final long maxBlobSize;
    private final int threads;
    private final int lineMemoryFloor;
    /** What the detector reads beyond a changed line: the line memory keeps that much (asked once). */
    private final LineReach reach;
    private final long readAhead;
    private final long largestVersion;
    private final Map<ObjectId, List<Detection>> detections = new ConcurrentHashMap<>();
    private final List<ScanWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean partial = new AtomicBoolean();
    private final AtomicLong blobsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong peakRetained = new AtomicLong();
    private final Runnable onProgress;
    private final PackOrder packOrder;
    private volatile Throwable fatal;

    /**
     * @param lineMemoryFloor when positive, later versions of a path are shown only the lines they changed (see
     *                        {@link LineMemory}, whose floor this is); 0 scans every version whole
     */
    BlobPool(Repository repo, Detector detector, long maxBlobSize, int threads, int lineMemoryFloor,
             MemoryBudget budget, Runnable onProgress) {
        this.repo = repo;
        this.detector = detector;
        this.maxBlobSize = maxBlobSize;
        this.threads = Math.max(1, threads);
        this.lineMemoryFloor = lineMemoryFloor;
        this.reach = lineMemoryFloor > 0 ? detector.lineReach() : LineReach.NONE;
        this.readAhead = Math.max(1, budget.readAhead() / this.threads);
        // A version is held with its line index, the last version and what the detector makes of it: about four
        // times its size. Past a quarter of a worker's share of the heap it is skipped with a warning, never an
        // OutOfMemoryError.
        this.largestVersion = Math.max(1, budget.heap() / (16L * this.threads));
        this.onProgress = onProgress;
        this.packOrder = PackOrder.of(repo.getObjectDatabase());
    }

    /** Scans every path's versions; returns when all are done. */
    void scan(List<BlobIntroductions.PathHistory> histories) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try {
            Workers.run("holdfast-blob", threads, i -> work(histories, next));
        } catch (InterruptedException e) {
            fatal = e;
            throw e;
        }
        if (fatal != null) {
            throw new IllegalStateException("blob scan failed: " + fatal.getMessage(), fatal);
        }
    }

    Map<ObjectId, List<Detection>> detections() {
        return detections;
    }

    List<ScanWarning> warnings() {
        return warnings;
    }

    boolean partial() {
        return partial.get();
    }

    long blobsDone() {
        return blobsDone.get();
    }

    long bytesDone() {
        return bytesDone.get();
    }

    /** The most bytes one path's line memory held between two of its versions, over the whole scan. */
    long peakRetainedLineMemory() {
        return peakRetained.get();
    }

    private void work(List<BlobIntroductions.PathHistory> histories, AtomicInteger next) {
        try (ObjectReader reader = repo.newObjectReader()) {
            for (int i = next.getAndIncrement(); i < histories.size() && fatal == null; i = next.getAndIncrement()) {
                scan(reader, histories.get(i));
            }
        } catch (RuntimeException | Error e) {
            fatal = e;
        }
    }

    /** One path: its versions in runs, each read base first ({@link PackOrder}) and scanned oldest first. */
    private void scan(ObjectReader reader, BlobIntroductions.PathHistory history) {
        String path = history.path();
        List<ObjectId> blobs = history.blobs();
        LineMemory memory = lineMemoryFloor > 0 ? new LineMemory(lineMemoryFloor, reach) : null;
        long[] sizes = new long[Math.max(1, Math.min(blobs.size(), 64))];
        long carried = Long.MIN_VALUE; // the size of the version that did not fit the run before
        byte[] plain = null; // the last version scanned, when it was plain text (its only reading, its own bytes)
        int from = 0;
        while (from < blobs.size() && fatal == null) {
            // the run: versions from 'from' while they fit the read-ahead (always at least one)
            int to = from;
            long bytes = 0;
            while (to < blobs.size()) {
                long size = to == from && carried != Long.MIN_VALUE ? carried : size(reader, blobs.get(to), path);
                if (to > from && size > 0 && bytes + size > readAhead) {
                    carried = size;
                    break;
                }
                carried = Long.MIN_VALUE;
                if (to - from == sizes.length) {
                    sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
                }
                sizes[to - from] = size;
                bytes += Math.max(0, size);
                to++;
            }
            byte[][] versions = new byte[to - from][];
            PackOrder.Plan plan = packOrder.plan(reader, blobs.subList(from, to));
            for (int k : plan.order()) {
                if (sizes[k] >= 0) {
                    versions[k] = read(reader, blobs.get(from + k), path);
                    if (versions[k] != null) {
                        plan.read(reader, k, versions[k]);
                    }
                }
            }
            for (int k = from; k < to; k++) {
                byte[] version = versions[k - from];
                versions[k - from] = null;
                if (version != null) {
                    plain = scan(blobs.get(k), path, version, memory, plain);
                    if (memory != null) {
                        peakRetained.accumulateAndGet(memory.retainedBytes(), Math::max);
                    }
                }
                blobsDone.incrementAndGet();
                onProgress.run();
            }
            from = to;
        }
    }

    /** The blob's size, or -1 when it is skipped (over a cap, with a warning) or unreadable (partial). */
    private long size(ObjectReader reader, ObjectId id, String path) {
        try {
            long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
            if (size > maxBlobSize) {
                warnings.add(new ScanWarning(path, "skipped blob " + id.abbreviate(12).name() + " of " + size
                        + " bytes: over the size cap of " + maxBlobSize + " bytes"));
                return -1;
            }
            if (size > largestVersion) {
                warnings.add(new ScanWarning(path, "skipped blob " + id.abbreviate(12).name() + " of " + size
                        + " bytes: over the " + largestVersion + " bytes one version may take in this heap of "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB (raise -Xmx)"));
                return -1;
            }
            return size;
        } catch (IOException e) {
            unreadable(id, path, e);
            return -1;
        }
    }

    private byte[] read(ObjectReader reader, ObjectId id, String path) {
        try {
            return reader.open(id, Constants.OBJ_BLOB).getCachedBytes((int) Math.min(Integer.MAX_VALUE, maxBlobSize));
        } catch (IOException e) {
            unreadable(id, path, e);
            return null;
        }
    }

    private void unreadable(ObjectId id, String path, IOException e) {
        warnings.add(new ScanWarning(path, "cannot read " + path + " (blob " + id.abbreviate(12).name() + "): "
                + e.getMessage()));
        partial.set(true);
    }

    /**
     * Scans one version; {@code plain} is the version before when it was plain text (see
     * {@link ContentSniffer#readings(byte[], int)}), else null. Returns this version when it is plain text.
     */
    private byte[] scan(ObjectId id, String path, byte[] bytes, LineMemory memory, byte[] plain) {
        bytesDone.addAndGet(bytes.length);
        List<byte[]> readings = plain == null ? ContentSniffer.readings(bytes)
                : ContentSniffer.readings(bytes, ContentSniffer.sharedWindow(plain, bytes));
        byte[] isPlain = readings.size() == 1 && readings.get(0) == bytes ? bytes : null;
        byte[] text = readings.isEmpty() ? null : readings.get(0);
        LineMemory.Shown shown;
        if (text == null) {
            // binary (keystores, DER certificates): only for detectors that read it, and always whole
            shown = detector.readsBinary(path) ? new LineMemory.Shown(bytes, null, null) : null;
        } else {
            shown = memory == null ? new LineMemory.Shown(text, null, null) : memory.unseen(text);
        }
        if (shown == null) {
            return isPlain;
        }
        text = shown.text();
        boolean whole = shown.lineMap() == null;
        List<Detection> found;
        try {
            found = detector.detect(new Document(path, text, shown.changed()));
        } catch (DetectorException e) {
            // A version shown only in part may not parse; that is expected and not worth a warning.
            if (whole) {
                warnings.add(new ScanWarning(path, detector.name() + " could not fully read " + path + " (blob "
                        + id.abbreviate(12).name() + "): " + Sanitize.oneLine(e.getMessage())));
            }
            found = e.found();
        }
        if (!whole) {
            List<Detection> mapped = new ArrayList<>(found.size());
            for (Detection d : found) {
                mapped.add(new Detection(d.ruleId(), d.category(), d.severity(), d.message(),
                        shown.originalLine(d.line()), d.column(), d.subject(), d.redacted(), d.remediation(),
                        d.properties()));
            }
            found = mapped;
        }
        if (readings.size() > 1) {
            // A second reading of the same bytes (see ContentSniffer) is rare: read whole, outside the line memory.
            found = new ArrayList<>(found);
            for (byte[] other : readings.subList(1, readings.size())) {
                try {
                    found.addAll(detector.detect(new Document(path, other)));
                } catch (DetectorException e) {
                    found.addAll(e.found());
                }
            }
        }
        found = DetectionMerger.merge(found);
        if (!found.isEmpty()) {
            detections.put(id, List.copyOf(found));
        }
        return isPlain;
    }
}

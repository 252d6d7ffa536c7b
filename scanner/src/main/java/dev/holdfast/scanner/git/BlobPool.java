package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans blobs in parallel straight from the object database: a fixed set of worker threads, each with its own
 * {@link ObjectReader}, fed through a bounded queue so that memory stays flat however many blobs the history holds.
 * Only blobs with detections are remembered.
 */
final class BlobPool implements AutoCloseable {
    private static final BlobTask POISON = new BlobTask(ObjectId.zeroId(), "");

    private final Repository repo;
    private final Detector detector;
    private final long maxBlobSize;
    private final List<BlockingQueue<BlobTask>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final long lineMemory;
    private final Map<ObjectId, List<Detection>> detections = new ConcurrentHashMap<>();
    private final List<ScanWarning> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean partial = new AtomicBoolean();
    private final AtomicLong blobsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final Runnable onProgress;
    private volatile Throwable fatal;

    record BlobTask(ObjectId id, String path) {
    }

    /**
     * @param lineMemory when positive, each worker remembers up to this many lines per worker and shows the detector
     *                   only the lines a version of a path changed (see {@link LineMemory}); 0 scans whole blobs
     */
    BlobPool(Repository repo, Detector detector, long maxBlobSize, int threads, long lineMemory,
             Runnable onProgress) {
        this.repo = repo;
        this.detector = detector;
        this.maxBlobSize = maxBlobSize;
        this.onProgress = onProgress;
        this.lineMemory = lineMemory;
        for (int i = 0; i < threads; i++) {
            BlockingQueue<BlobTask> queue = new ArrayBlockingQueue<>(256);
            queues.add(queue);
            Thread t = new Thread(() -> work(queue), "holdfast-blob-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Queues a blob; blocks while its worker's queue is full. All blobs of one path go to the same worker, in the
     * order submitted, so that versions of a file are scanned oldest first.
     */
    void submit(ObjectId id, String path) throws InterruptedException {
        put(queues.get((path.hashCode() & 0x7fffffff) % queues.size()), new BlobTask(id, path));
    }

    /** Offers with a timeout so that a producer never waits forever on workers that died. */
    private void put(BlockingQueue<BlobTask> queue, BlobTask t) throws InterruptedException {
        while (fatal == null && !queue.offer(t, 100, TimeUnit.MILLISECONDS)) {
            // retry until a worker takes it or one failed
        }
    }

    /** Waits for every queued blob to be scanned. */
    void finish() throws InterruptedException {
        for (BlockingQueue<BlobTask> q : queues) {
            put(q, POISON);
        }
        for (Thread t : workers) {
            t.join();
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

    private void work(BlockingQueue<BlobTask> queue) {
        LineMemory memory = lineMemory > 0 ? new LineMemory(lineMemory, detector.lineReach()) : null;
        try (ObjectReader reader = repo.newObjectReader()) {
            while (true) {
                BlobTask t = queue.take();
                if (t == POISON) {
                    return;
                }
                if (fatal == null) {
                    scan(reader, memory, t);
                }
                blobsDone.incrementAndGet();
                onProgress.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal = e;
            for (BlockingQueue<BlobTask> q : queues) {
                q.clear();
            }
            for (Thread other : workers) {
                other.interrupt();
            }
        }
    }

    private void scan(ObjectReader reader, LineMemory memory, BlobTask t) {
        String where = t.path() + " (blob " + t.id().abbreviate(12).name() + ")";
        byte[] bytes;
        try {
            long size = reader.getObjectSize(t.id(), Constants.OBJ_BLOB);
            if (size > maxBlobSize) {
                warnings.add(new ScanWarning(t.path(), "skipped blob " + t.id().abbreviate(12).name() + " of "
                        + size + " bytes: over the size cap of " + maxBlobSize + " bytes"));
                return;
            }
            bytes = reader.open(t.id(), Constants.OBJ_BLOB).getCachedBytes((int) maxBlobSize);
        } catch (IOException e) {
            warnings.add(new ScanWarning(t.path(), "cannot read " + where + ": " + e.getMessage()));
            partial.set(true);
            return;
        }
        bytesDone.addAndGet(bytes.length);
        List<byte[]> readings = ContentSniffer.readings(bytes);
        byte[] text = readings.isEmpty() ? null : readings.get(0);
        LineMemory.Shown shown;
        if (text == null) {
            // binary (keystores, DER certificates): only for detectors that read it, and always whole
            shown = detector.readsBinary(t.path()) ? new LineMemory.Shown(bytes, null, null) : null;
        } else {
            shown = memory == null ? new LineMemory.Shown(text, null, null) : memory.unseen(t.path(), text);
        }
        if (shown == null) {
            return;
        }
        text = shown.text();
        boolean whole = shown.lineMap() == null;
        List<Detection> found;
        try {
            found = detector.detect(new Document(t.path(), text, shown.changed()));
        } catch (DetectorException e) {
            // A version shown only in part may not parse; that is expected and not worth a warning.
            if (whole) {
                warnings.add(new ScanWarning(t.path(), detector.name() + " could not fully read " + where + ": "
                        + Sanitize.oneLine(e.getMessage())));
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
                    found.addAll(detector.detect(new Document(t.path(), other)));
                } catch (DetectorException e) {
                    found.addAll(e.found());
                }
            }
        }
        found = DetectionMerger.merge(found);
        if (!found.isEmpty()) {
            detections.put(t.id(), List.copyOf(found));
        }
    }

    @Override
    public void close() {
        for (Thread t : workers) {
            t.interrupt();
        }
    }
}

package dev.holdfast.git;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Detector;
import dev.holdfast.detect.DetectorException;
import dev.holdfast.detect.Document;
import dev.holdfast.scan.ContentSniffer;
import dev.holdfast.scan.DetectionMerger;
import dev.holdfast.scan.Sanitize;
import dev.holdfast.scan.ScanWarning;
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
    private final BlockingQueue<BlobTask> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<ObjectId, List<Detection>> detections = new ConcurrentHashMap<>();
    private final List<ScanWarning> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean partial = new AtomicBoolean();
    private final AtomicLong blobsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final Runnable onProgress;
    private volatile Throwable fatal;

    record BlobTask(ObjectId id, String path) {
    }

    BlobPool(Repository repo, Detector detector, long maxBlobSize, int threads, Runnable onProgress) {
        this.repo = repo;
        this.detector = detector;
        this.maxBlobSize = maxBlobSize;
        this.onProgress = onProgress;
        this.queue = new ArrayBlockingQueue<>(Math.max(64, threads * 64));
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "holdfast-blob-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Queues a blob; blocks while the queue is full. */
    void submit(ObjectId id, String path) throws InterruptedException {
        put(new BlobTask(id, path));
    }

    /** Offers with a timeout so that a producer never waits forever on workers that died. */
    private void put(BlobTask t) throws InterruptedException {
        while (fatal == null && !queue.offer(t, 100, TimeUnit.MILLISECONDS)) {
            // retry until a worker takes it or one failed
        }
    }

    /** Waits for every queued blob to be scanned. */
    void finish() throws InterruptedException {
        for (int i = 0; i < workers.size(); i++) {
            put(POISON);
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

    private void work() {
        try (ObjectReader reader = repo.newObjectReader()) {
            while (true) {
                BlobTask t = queue.take();
                if (t == POISON) {
                    return;
                }
                if (fatal == null) {
                    scan(reader, t);
                }
                blobsDone.incrementAndGet();
                onProgress.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal = e;
            queue.clear();
            for (Thread other : workers) {
                other.interrupt();
            }
        }
    }

    private void scan(ObjectReader reader, BlobTask t) {
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
        byte[] text = ContentSniffer.forDetector(detector, t.path(), bytes);
        if (text == null) {
            return;
        }
        List<Detection> found;
        try {
            found = detector.detect(new Document(t.path(), text));
        } catch (DetectorException e) {
            warnings.add(new ScanWarning(t.path(), detector.name() + " could not fully read " + where + ": "
                    + Sanitize.oneLine(e.getMessage())));
            found = e.found();
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

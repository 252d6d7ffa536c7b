package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.DetectionMerger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the tip's files, on several threads each with its own reader, and runs the detector on those at a finding's
 * path or holding one of the values found in history: whether each finding is still at the tip, and where. Every tip
 * file is read to know which; few are scanned.
 */
final class TipSearch {
    private final List<String> paths;
    private final List<ObjectId> blobs;
    private final Set<String> findingPaths;
    private final Set<String> values;
    private final Detector detector;
    private final long maxBlobSize;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<List<Detection>> hits;

    /**
     * @param paths        the tip's files (not ignored), in tree order
     * @param blobs        their blobs, by the same index
     * @param findingPaths the paths of the findings: their files are always scanned
     * @param values       the values found in history (in memory only): a file holding one is scanned
     */
    TipSearch(List<String> paths, List<ObjectId> blobs, Set<String> findingPaths, Set<String> values,
              Detector detector, long maxBlobSize) {
        this.paths = paths;
        this.blobs = blobs;
        this.findingPaths = findingPaths;
        this.values = values;
        this.detector = detector;
        this.maxBlobSize = maxBlobSize;
        // one slot per file, each written by the one thread that read the file, read after they all ended
        this.hits = new ArrayList<>(Collections.nCopies(paths.size(), List.of()));
    }

    /**
     * The detections in each file, by the files' index (empty for a file not scanned).
     *
     * @throws IOException a file cannot be read, or the search was interrupted
     */
    List<List<Detection>> run(Repository repo, int threads) throws IOException {
        try {
            Workers.run("holdfast-tip", Math.max(1, Math.min(threads, paths.size())), i -> work(repo));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("history scan interrupted", e);
        }
        Workers.rethrow(failure.get());
        return hits;
    }

    private void work(Repository repo) {
        try (ObjectReader reader = repo.newObjectReader()) {
            for (int k = next.getAndIncrement(); k < paths.size() && failure.get() == null;
                 k = next.getAndIncrement()) {
                hits.set(k, search(reader, paths.get(k), blobs.get(k)));
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private List<Detection> search(ObjectReader reader, String path, ObjectId id) throws IOException {
        if (reader.getObjectSize(id, Constants.OBJ_BLOB) > maxBlobSize) {
            return List.of();
        }
        List<Detection> ds = new ArrayList<>();
        for (byte[] text : ContentSniffer.forDetector(detector, path,
                reader.open(id, Constants.OBJ_BLOB).getCachedBytes())) {
            String s = new String(text, StandardCharsets.UTF_8);
            if (!findingPaths.contains(path) && values.stream().noneMatch(s::contains)) {
                continue;
            }
            try {
                ds.addAll(detector.detect(new Document(path, text)));
            } catch (DetectorException e) {
                ds.addAll(e.found());
            }
        }
        return ds.isEmpty() ? List.of() : DetectionMerger.merge(ds);
    }
}

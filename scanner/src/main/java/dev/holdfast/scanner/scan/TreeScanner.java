package dev.holdfast.scanner.scan;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.source.SourceFile;
import dev.holdfast.scanner.source.WorkingTreeSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scans a working tree: lists its files, skips ignored, oversized and binary ones, runs the detector on the rest in
 * parallel, and turns detections into findings. A file that cannot be read becomes a warning and marks the result
 * partial; it never silently disappears.
 */
public final class TreeScanner {
    private final HoldfastConfig config;
    private final Detector detector;
    private final FindingFactory factory;
    private final Map<String, RuleInfo> rules;
    private final LineAttributor attributor;

    public TreeScanner(HoldfastConfig config, Detector detector, FindingFactory factory, Map<String, RuleInfo> rules,
                       LineAttributor attributor) {
        this.config = config;
        this.detector = detector;
        this.factory = factory;
        this.rules = rules;
        this.attributor = attributor == null ? LineAttributor.NONE : attributor;
    }

    /**
     * @param root   the directory to scan
     * @param commit HEAD when the root is a git work tree, else null
     * @throws IOException when the tree itself cannot be listed
     */
    public ScanResult scan(Path root, String displayPath, String commit) throws IOException {
        List<SourceFile> files = new WorkingTreeSource(root).files();
        List<ScanWarning> warnings = Collections.synchronizedList(new ArrayList<>());
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        boolean[] partial = {false};
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "holdfast-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SourceFile f : files) {
                if (config.isIgnored(f.relative())) {
                    continue;
                }
                futures.add(pool.submit(() -> scanFile(f, commit, findings, warnings, partial)));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scan interrupted");
        } catch (ExecutionException e) {
            throw new IOException("scan failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Finding> attributed = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            attributed.add(f.withIntroducedBy(attribute(f)));
        }
        List<ScanWarning> sortedWarnings = new ArrayList<>(warnings);
        sortedWarnings.sort(java.util.Comparator.comparing((ScanWarning w) -> String.valueOf(w.path()))
                .thenComparing(ScanWarning::reason));
        return new ScanResult(new ScanTarget(displayPath, commit, "tree"), attributed, rules, sortedWarnings,
                partial[0]);
    }

    /**
     * Blame of the finding's line; when the detector names every line that makes the finding (property
     * {@link FindingProperty#LINES}, e.g. an IAM grant's action and its resource), the newest of them, since whoever last
     * changed any of them made the finding what it is (a widened Resource, an added action). Ties keep the finding's
     * own line.
     */
    private Attribution attribute(Finding f) {
        String path = f.location().path();
        Attribution best = attributor.attribute(path, f.location().line());
        List<Integer> lines = FindingProperty.LINES.get(f);
        if (lines == null) {
            return best;
        }
        for (int n : lines) {
            if (n == f.location().line()) {
                continue;
            }
            Attribution a = attributor.attribute(path, n);
            if (a != null && (best == null || a.date() != null && (best.date() == null || a.date().isAfter(best.date())))) {
                best = a;
            }
        }
        return best;
    }

    private void scanFile(SourceFile f, String commit, List<Finding> findings, List<ScanWarning> warnings,
                          boolean[] partial) {
        byte[] content;
        try {
            long size = Files.size(f.absolute());
            if (size > config.maxFileSize()) {
                warnings.add(new ScanWarning(f.relative(), "skipped: " + size + " bytes is over the "
                        + config.maxFileSize() + "-byte size cap (scan.maxFileSize)"));
                return;
            }
            content = Files.readAllBytes(f.absolute());
        } catch (IOException | SecurityException e) {
            warnings.add(new ScanWarning(f.relative(), "unreadable: " + e.getClass().getSimpleName()));
            synchronized (partial) {
                partial[0] = true;
            }
            return;
        }
        for (Detection d : DetectionMerger.merge(ContentSniffer.detectAll(detector, f.relative(), content,
                warnings::add))) {
            findings.add(factory.toFinding(d, f.relative(), commit));
        }
    }
}

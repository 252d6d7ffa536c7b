package dev.holdfast.baseline;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.Detector;
import dev.holdfast.detect.DetectorException;
import dev.holdfast.detect.Document;
import dev.holdfast.detect.Fingerprinter;
import dev.holdfast.model.Attribution;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Location;
import dev.holdfast.model.RuleInfo;
import dev.holdfast.model.Status;
import dev.holdfast.scan.ScanResult;
import dev.holdfast.scan.ScanTarget;
import dev.holdfast.scan.ScanWarning;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal working-tree scan for the baseline and its tests: every regular file except {@code .git} and
 * {@code .holdfast}, fingerprinted under the baseline key, each finding attributed to the commit that last brought
 * its value into history (which follows the value through moves and renames, where blame follows the line). The
 * full scan loop ({@code dev.holdfast.scan.TreeScanner}) supersedes it for {@code holdfast scan}.
 */
public final class TimelineTreeScan {
    private static final Set<String> SKIP_DIRS = Set.of(".git", ".holdfast");

    private TimelineTreeScan() {
    }

    public static ScanResult scan(Path root, Detector detector, Fingerprinter fingerprinter, Timeline timeline)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        Map<String, RuleInfo> rules = new HashMap<>();
        detector.rules().forEach(r -> rules.put(r.id(), r));
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIP_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        for (Path file : files) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            if (Files.size(file) > LedgerMiner.DEFAULT_MAX_BLOB_BYTES) {
                warnings.add(new ScanWarning(rel, "skipped: larger than " + LedgerMiner.DEFAULT_MAX_BLOB_BYTES
                        + " bytes"));
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            List<Detection> found;
            try {
                found = detector.detect(new Document(rel, bytes));
            } catch (DetectorException e) {
                warnings.add(new ScanWarning(rel, e.getMessage()));
                continue;
            }
            for (Detection d : found) {
                String fp = fingerprinter.fingerprint(d.ruleId(), d.subject(), "");
                Attribution by = timeline.get(fp).filter(FindingHistory::presentAtHead)
                        .flatMap(h -> h.last(TimelineEvent.Kind.INTRODUCED, h.events().size()))
                        .map(TimelineEvent::by).orElse(null);
                findings.add(new Finding(fp, d.ruleId(), d.category(), d.severity(), Status.NEW, d.message(),
                        Location.file(rel, d.line(), d.column()), d.redacted(), by, null, d.remediation(),
                        d.properties()));
            }
        }
        return new ScanResult(new ScanTarget(root.toString(), timeline.head(), "tree"), findings, rules, warnings,
                false);
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}

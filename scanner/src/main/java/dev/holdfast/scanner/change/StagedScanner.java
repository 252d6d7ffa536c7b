package dev.holdfast.scanner.change;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.DetectionMerger;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Scans what the next commit would add: every added or changed file whole (so that rules reading across lines see
 * their context), then keeps only the findings the prior versions did not hold ({@link PriorVersions}). The result's
 * mode is {@value #MODE}; its findings carry no commit (there is none yet).
 */
public final class StagedScanner {
    public static final String MODE = "staged";

    private final Detector detector;
    private final FindingFactory factory;
    private final long maxFileSize;
    private final Predicate<String> ignored;

    /**
     * @param maxFileSize larger files are skipped with a warning, as in a tree scan
     * @param ignored     paths the configuration ignores
     */
    public StagedScanner(Detector detector, FindingFactory factory, long maxFileSize, Predicate<String> ignored) {
        this.detector = detector;
        this.factory = factory;
        this.maxFileSize = maxFileSize;
        this.ignored = ignored;
    }

    public ScanResult scan(Repository repo, StagedChange change, String displayPath) throws IOException {
        List<ScanWarning> warnings = new ArrayList<>(change.notes());
        List<Finding> found = new ArrayList<>();
        Set<String> withFindings = new TreeSet<>();
        // the found values (in memory only): when each is written as such, a prior version without them holds none
        Set<String> literals = new java.util.HashSet<>();
        boolean allLiteral = true;
        boolean partial = false;
        try (ObjectReader reader = repo.newObjectReader()) {
            for (PendingFile f : change.pending()) {
                if (ignored.test(f.path())) {
                    continue;
                }
                byte[] content;
                try {
                    long size = f.size(reader);
                    if (size > maxFileSize) {
                        warnings.add(new ScanWarning(f.path(), "skipped: " + size + " bytes is over the "
                                + maxFileSize + "-byte size cap (scan.maxFileSize)"));
                        continue;
                    }
                    content = f.read(reader);
                } catch (IOException | SecurityException e) {
                    warnings.add(new ScanWarning(f.path(), "unreadable: " + e.getClass().getSimpleName()));
                    partial = true;
                    continue;
                }
                // binary content has no reading (git's rule, as in every other mode); some text has two
                String text = null;
                for (Detection d : DetectionMerger.merge(ContentSniffer.detectAll(detector, f.path(), content,
                        warnings::add))) {
                    found.add(factory.toFinding(d, f.path(), null));
                    withFindings.add(f.path());
                    text = text != null ? text : new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    boolean literal = d.subject() != null && d.subject().length() >= 8 && text.contains(d.subject());
                    allLiteral &= literal;
                    if (literal) {
                        literals.add(d.subject());
                    }
                }
            }
            List<Finding> added = found;
            if (!found.isEmpty() && !change.priorTrees().isEmpty()) {
                Set<String> paths = new TreeSet<>(change.touched());
                paths.addAll(withFindings);
                java.util.function.Predicate<byte[]> mayHold = !allLiteral ? b -> true : b -> {
                    String prior = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                    return literals.stream().anyMatch(prior::contains);
                };
                Set<String> held = new PriorVersions(reader, detector, factory, maxFileSize)
                        .held(change.priorTrees(), paths, mayHold);
                added = found.stream().filter(fd -> !held.contains(fd.fingerprint())).toList();
            }
            // only the rules of the detectors this change needed: asking all would build the others
            Map<String, RuleInfo> rules = new TreeMap<>();
            if (!added.isEmpty()) {
                for (RuleInfo r : detector.rulesInUse()) {
                    rules.put(r.id(), r);
                }
            }
            ObjectId head = change.head();
            return new ScanResult(new ScanTarget(displayPath, head == null ? null : head.name(), MODE), added, rules,
                    warnings, partial);
        }
    }
}

package dev.holdfast.scanner.change;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.FindingFactory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the versions before a change already held: the fingerprints the detector finds in the prior versions of the
 * files the change replaced or deleted. A finding whose fingerprint they hold was moved, re-indented or shifted by the
 * change, not added by it. Each prior blob is read and detected once.
 */
public final class PriorVersions {
    private final ObjectReader reader;
    private final Detector detector;
    private final FindingFactory findings;
    private final long maxBlobSize;
    private final Map<String, Set<String>> byBlobAndPath = new HashMap<>();

    /**
     * @param maxBlobSize prior versions larger than this are not read (a finding in such a file counts as added)
     */
    public PriorVersions(ObjectReader reader, Detector detector, FindingFactory findings, long maxBlobSize) {
        this.reader = reader;
        this.detector = detector;
        this.findings = findings;
        this.maxBlobSize = maxBlobSize;
    }

    /** The fingerprints held by {@code paths} in any of {@code trees}. */
    public Set<String> held(List<ObjectId> trees, Collection<String> paths) throws IOException {
        return held(trees, paths, content -> true);
    }

    /**
     * As above, detecting only in prior versions that {@code mayHold} accepts: when every finding asked about is a
     * value written as such, a version without any of those values cannot hold one, and is not parsed at all.
     */
    public Set<String> held(List<ObjectId> trees, Collection<String> paths, Predicate<byte[]> mayHold)
            throws IOException {
        Set<String> out = new HashSet<>();
        if (trees.isEmpty() || paths.isEmpty()) {
            return out;
        }
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            for (ObjectId tree : trees) {
                tw.addTree(tree);
            }
            tw.setFilter(PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                String path = tw.getPathString();
                for (int i = 0; i < trees.size(); i++) {
                    int mode = tw.getRawMode(i);
                    if (mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits()) {
                        out.addAll(fingerprints(tw.getObjectId(i), path, mayHold));
                    }
                }
            }
        }
        return out;
    }

    private Set<String> fingerprints(ObjectId blob, String path, Predicate<byte[]> mayHold) throws IOException {
        String key = blob.name() + '\u0000' + path;
        Set<String> cached = byBlobAndPath.get(key);
        if (cached != null) {
            return cached;
        }
        Set<String> fps = new HashSet<>();
        byte[] content = reader.getObjectSize(blob, Constants.OBJ_BLOB) > maxBlobSize ? null
                : reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        if (content != null && mayHold.test(content)) {
            // every rule's detection, unmerged: the change may have made another rule the one reported; a prior
            // version's parse failure only means less is held
            for (Detection d : ContentSniffer.detectAll(detector, path, content, w -> { })) {
                fps.add(findings.toFinding(d, path, null).fingerprint());
            }
        }
        if (content == null || mayHold.test(content)) {
            byBlobAndPath.put(key, fps); // a version skipped for this question may hold another's answer
        }
        return fps;
    }
}

package dev.holdfast.change;

import dev.holdfast.detect.Detector;
import dev.holdfast.git.CommitSet;
import dev.holdfast.git.FindingMaker;
import dev.holdfast.git.HistoryOptions;
import dev.holdfast.git.HistoryScanner;
import dev.holdfast.identity.IdentityClassifier;
import dev.holdfast.model.Finding;
import dev.holdfast.scan.ScanResult;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scans the commits a push sends (each blob once, whole, every detector) and keeps only what they add: a finding the
 * parents of the commit that first shows it already held — in the same file or in one the commit changed or deleted
 * — was moved or re-indented, not added. The result's mode is {@value #MODE}.
 */
public final class PushScanner {
    public static final String MODE = "push";

    private final IdentityClassifier identities;

    public PushScanner(IdentityClassifier identities) {
        this.identities = identities;
    }

    public ScanResult scan(Repository repo, String displayPath, CommitSet commits, Detector detector,
                           FindingMaker maker, HistoryOptions options) throws IOException {
        ScanResult all = new HistoryScanner(identities).scan(repo, displayPath, MODE, commits, detector, maker,
                options.withLineMemory(0));
        if (all.findings().isEmpty()) {
            return all;
        }
        Map<String, List<Finding>> byCommit = new LinkedHashMap<>();
        for (Finding f : all.findings()) {
            byCommit.computeIfAbsent(f.location().commit(), c -> new ArrayList<>()).add(f);
        }
        List<Finding> added = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            PriorVersions prior = new PriorVersions(reader, detector, maker, options.maxBlobSize());
            for (Map.Entry<String, List<Finding>> e : byCommit.entrySet()) {
                RevCommit c = rw.parseCommit(ObjectId.fromString(e.getKey()));
                List<ObjectId> parents = new ArrayList<>();
                for (RevCommit p : c.getParents()) {
                    parents.add(rw.parseCommit(p).getTree().copy());
                }
                Set<String> paths = replaced(reader, c, parents);
                e.getValue().forEach(f -> paths.add(f.location().path()));
                Set<String> held = prior.held(parents, paths);
                e.getValue().stream().filter(f -> !held.contains(f.fingerprint())).forEach(added::add);
            }
        }
        return new ScanResult(all.target(), added, all.rules(), all.warnings(), all.partial());
    }

    /** Paths whose parent version the commit changed or deleted: where a moved line may come from. */
    private static Set<String> replaced(ObjectReader reader, RevCommit c, List<ObjectId> parentTrees)
            throws IOException {
        Set<String> out = new HashSet<>();
        if (parentTrees.isEmpty()) {
            return out;
        }
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.addTree(c.getTree());
            for (ObjectId t : parentTrees) {
                tw.addTree(t);
            }
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                for (int i = 1; i <= parentTrees.size(); i++) {
                    int mode = tw.getRawMode(i);
                    boolean file = mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits();
                    if (file && !tw.idEqual(0, i)) {
                        out.add(tw.getPathString());
                        break;
                    }
                }
            }
        }
        return out;
    }
}

package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanProgress;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Scans git history the way Nosey Parker does: every unique blob once, read straight from the object database and
 * scanned in parallel, then each finding mapped to the commit and path that first introduced it.
 *
 * <p>The commits are ordered oldest first (parents before children) and walked once, on every core
 * ({@link IntroductionWalk}): each is diffed against every parent with {@link TreeFilter#ANY_DIFF}, so unchanged
 * subtrees are never opened, and a blob's oldest sighting is its introduction. Then a pool of workers
 * ({@link BlobPool}) takes one path at a time with all the versions introduced there, oldest first. With
 * {@link HistoryOptions#lineMemory()} on (the {@code --history} default) a later version of a file is shown to the
 * detector with only the lines it changed, plus context, line numbers intact: nothing is diffed, lines are hashed,
 * and what is remembered belongs to the path and is dropped with it.
 * Whether a finding is still present at HEAD is decided by rescanning the few tip files that can hold it; one that is
 * is reported where it sits at HEAD (path and line of HEAD's version), one that is not where it first appeared.
 */
public final class HistoryScanner {
    /** The finding property saying whether the secret is still in HEAD's (or the range tip's) tree. */
    public static final String PRESENT_AT_HEAD = "presentAtHead";
    /** For a finding placed at the tip: "commit:path" where its value was first seen in the scanned commits. */
    public static final String FIRST_SEEN_IN = "firstSeenIn";

    private final CommitAuthorClassifier identities;

    public HistoryScanner() {
        this(CommitAuthorClassifier.builtin());
    }

    public HistoryScanner(CommitAuthorClassifier identities) {
        this.identities = identities;
    }

    /**
     * Scans the repository at {@code repo} (a working tree or a bare repository).
     *
     * @return mode "history" (target commit HEAD) or "range" (target commit the range's end)
     * @throws IllegalArgumentException a bad or unknown revision in the options
     * @throws IOException              the repository cannot be opened or read
     */
    public ScanResult scan(Path repo, Detector detector, FindingFactory factory, HistoryOptions options)
            throws IOException {
        return scan(repo, repo.toString(), detector, factory, options);
    }

    /** As above, naming the target {@code displayPath} in the result (the path as the user typed it). */
    public ScanResult scan(Path repo, String displayPath, Detector detector, FindingFactory factory,
                           HistoryOptions options) throws IOException {
        try (Repository r = Repos.open(repo)) {
            return scan(r, displayPath, detector, factory, options);
        }
    }

    /** As {@link #scan(Path, Detector, FindingFactory, HistoryOptions)} on an open repository. */
    public ScanResult scan(Repository repo, String displayPath, Detector detector, FindingFactory factory,
                           HistoryOptions options) throws IOException {
        CommitSet set;
        try (RevWalk rw = new RevWalk(repo)) {
            set = new RangeResolver(repo).resolve(options, rw);
        }
        return scan(HistoryWalk.of(repo, set), displayPath, detector, factory, options);
    }

    /**
     * As {@link #scan(Path, Detector, FindingFactory, HistoryOptions)} on a history already chosen (its commits walked
     * once for everything this run reads of it); the options' mode and range are the walk's.
     */
    public ScanResult scan(HistoryWalk history, String displayPath, Detector detector, FindingFactory factory,
                           HistoryOptions options) throws IOException {
        return scan(history, displayPath, () -> detector, factory, options);
    }

    /**
     * As above, with the detector asked for only once the commits are walked: a caller can build it (parse the rule
     * catalogue) on another core while this walks the history, which needs no rule.
     */
    public ScanResult scan(HistoryWalk history, String displayPath, Supplier<? extends Detector> detectorOnceWalked,
                           FindingFactory factory, HistoryOptions options) throws IOException {
        Repos.tuneCaches();
        Repository repo = history.repository();
        ScanProgress progress = options.progress();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            CommitSet set = history.set();
            List<ScanWarning> warnings = new ArrayList<>(set.warnings());
            // oldest first, parents before children, their parents' headers parsed (the walkers read parents'
            // trees from other threads)
            List<RevCommit> commits = history.commits();

            AtomicLong commitsDone = new AtomicLong();
            long[] blobsTotal = {-1};
            BlobPool[] poolRef = new BlobPool[1];
            Runnable report = () -> {
                BlobPool p = poolRef[0];
                progress.update(new ScanProgress.Snapshot(commitsDone.get(), commits.size(),
                        p == null ? 0 : p.blobsDone(), blobsTotal[0], p == null ? 0 : p.bytesDone()));
            };
            try {
                BlobIntroductions intro = new IntroductionWalk(repo, commits, options.ignored(), commitsDone, report)
                        .run(options.threads());
                blobsTotal[0] = intro.size();
                Detector detector = detectorOnceWalked.get();
                BlobPool pool = new BlobPool(repo, detector, options.maxBlobSize(), options.threads(),
                        (int) Math.min(Integer.MAX_VALUE, options.lineMemory()), MemoryBudget.ofThisJvm(), report);
                poolRef[0] = pool;
                pool.scan(intro.byPath());

                report.run();
                warnings.addAll(sortedWarnings(pool.warnings()));
                List<Finding> findings = markPresentAtTip(findings(pool.detections(), intro, commits, rw, factory),
                        set.tip(), repo, reader, rw, detector, factory, options);
                Map<String, RuleInfo> rules = new TreeMap<>();
                for (RuleInfo ri : detector.rules()) {
                    rules.put(ri.id(), ri);
                }
                String tip = set.tip() == null ? null : set.tip().name();
                return new ScanResult(new ScanTarget(displayPath, tip, options.targetMode()), findings, rules,
                        warnings, pool.partial() || set.incomplete());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("history scan interrupted", e);
            } finally {
                progress.done();
            }
        }
    }

    /** A finding with what it is about (in memory only: the subject may be a raw secret). */
    private record Found(Finding finding, String ruleId, String subject) {
        @Override
        public String toString() {
            return finding.toString(); // never the subject
        }
    }

    private List<Found> findings(Map<ObjectId, List<Detection>> detections, BlobIntroductions intro,
                                 List<RevCommit> commits, RevWalk rw, FindingFactory factory) throws IOException {
        // The same secret lives on in every later version of its file: keep its oldest appearance per path.
        Map<Key, Best> best = new LinkedHashMap<>();
        for (Map.Entry<ObjectId, List<Detection>> e : detections.entrySet()) {
            BlobIntroductions.Entry in = intro.get(e.getKey());
            for (Detection d : e.getValue()) {
                Key k = new Key(d.ruleId(), d.subject(), in.path);
                Best b = best.get(k);
                if (b == null || older(in.ordinal, d, b)) {
                    best.put(k, new Best(d, in.ordinal));
                }
            }
        }
        Map<Integer, Attribution> attributions = new HashMap<>();
        List<Found> out = new ArrayList<>();
        for (Map.Entry<Key, Best> e : best.entrySet()) {
            Best b = e.getValue();
            RevCommit c = commits.get(b.ordinal);
            Attribution a = attributions.get(b.ordinal);
            if (a == null) {
                a = CommitAttribution.of(rw, c, identities);
                attributions.put(b.ordinal, a);
            }
            Finding f = factory.toFinding(b.detection, e.getKey().path, c.name()).withIntroducedBy(a);
            out.add(new Found(f, b.detection.ruleId(), b.detection.subject()));
        }
        return out;
    }

    /**
     * Says of each finding whether its secret is still in the tip's tree (HEAD, or the range's end), under any path,
     * and places those that are on the tip's lines: one finding per place the value sits at the tip (where code
     * scanning and the working tree show it), keeping where it was first seen as {@value #FIRST_SEEN_IN}. Values
     * the tip no longer holds stay where they were first seen. Tip files are scanned whole here, but only those at a
     * finding's path or containing one of the values: a few. Every tip file is read to know which, on every core.
     */
    private List<Finding> markPresentAtTip(List<Found> found, ObjectId tip, Repository repo, ObjectReader reader,
                                           RevWalk rw, Detector detector, FindingFactory factory,
                                           HistoryOptions options)
            throws IOException {
        Map<String, List<TipHit>> atTip = new LinkedHashMap<>();
        if (!found.isEmpty() && tip != null) {
            Set<String> paths = new HashSet<>();
            Set<String> values = new HashSet<>();
            for (Found f : found) {
                paths.add(f.finding().location().path());
                values.add(f.subject());
            }
            List<String> tipPaths = new ArrayList<>();
            List<ObjectId> tipBlobs = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.setRecursive(true);
                tw.addTree(rw.parseCommit(tip).getTree());
                while (tw.next()) {
                    int mode = tw.getRawMode(0);
                    if (mode != FileMode.REGULAR_FILE.getBits() && mode != FileMode.EXECUTABLE_FILE.getBits()) {
                        continue;
                    }
                    String path = tw.getPathString();
                    if (!options.ignored().test(path)) {
                        tipPaths.add(path);
                        tipBlobs.add(tw.getObjectId(0));
                    }
                }
            }
            List<List<Detection>> hits = new TipSearch(tipPaths, tipBlobs, paths, values, detector,
                    options.maxBlobSize()).run(repo, options.threads());
            for (int k = 0; k < tipPaths.size(); k++) { // in tree order, whichever thread read the file
                for (Detection d : hits.get(k)) {
                    atTip.computeIfAbsent(d.ruleId() + '\u0000' + d.subject(), x -> new ArrayList<>())
                            .add(new TipHit(tipPaths.get(k), d));
                }
            }
        }
        Map<String, List<Found>> byValue = new LinkedHashMap<>();
        for (Found f : found) {
            byValue.computeIfAbsent(f.ruleId() + '\u0000' + f.subject(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>(found.size());
        for (Map.Entry<String, List<Found>> e : byValue.entrySet()) {
            List<TipHit> hits = atTip.get(e.getKey());
            if (hits == null) {
                for (Found f : e.getValue()) {
                    out.add(f.finding().withProperty(PRESENT_AT_HEAD, "false"));
                }
                continue;
            }
            for (TipHit h : hits) {
                // Seen first under this path, else wherever it was seen first.
                Found first = e.getValue().stream().filter(f -> f.finding().location().path().equals(h.path()))
                        .findFirst().orElse(e.getValue().get(0));
                out.add(factory.toFinding(h.detection(), h.path(), tip.name())
                        .withIntroducedBy(first.finding().introducedBy())
                        .withProperty(PRESENT_AT_HEAD, "true")
                        .withProperty(FIRST_SEEN_IN, first.finding().location().commit() + ":"
                                + first.finding().location().path()));
            }
        }
        return out;
    }

    /** Where a value sits in the tip's tree. */
    private record TipHit(String path, Detection detection) {
        @Override
        public String toString() {
            return "TipHit[" + path + ":" + detection.line() + "]"; // never the subject
        }
    }

    private static boolean older(int ordinal, Detection d, Best b) {
        if (ordinal != b.ordinal) {
            return ordinal < b.ordinal;
        }
        if (d.line() != b.detection.line()) {
            return d.line() < b.detection.line();
        }
        return d.column() < b.detection.column();
    }

    private static List<ScanWarning> sortedWarnings(List<ScanWarning> ws) {
        synchronized (ws) {
            List<ScanWarning> copy = new ArrayList<>(ws);
            copy.sort(java.util.Comparator.comparing((ScanWarning w) -> w.path() == null ? "" : w.path())
                    .thenComparing(ScanWarning::reason));
            return copy;
        }
    }

    private record Key(String ruleId, String subject, String path) {
        @Override
        public String toString() {
            return "Key[" + ruleId + " " + path + "]"; // never the subject
        }
    }

    private record Best(Detection detection, int ordinal) {
    }
}

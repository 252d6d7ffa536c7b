package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.git.HistoryWalk;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.DetectionMerger;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Mines the fix ledger from history: walks every commit reachable from HEAD oldest first, runs the detector on the
 * old and new blob of each changed file only (caching detections per path and blob), and records for every
 * fingerprint when it appeared and when it disappeared. Raw values never outlive a single detector call: only
 * fingerprints, redacted evidence and line numbers are kept.
 */
public final class LedgerMiner {
    /** Blobs larger than this are not scanned (generated files, archives); they get a warning. */
    public static final long DEFAULT_MAX_BLOB_BYTES = 2L * 1024 * 1024;

    private final Repository repo;
    private final Detector detector;
    private final Fingerprinter fingerprinter;
    private final CommitAttributor attributor;
    private final long maxBlobBytes;
    private final FindingFactory findings;
    private Predicate<String> ignored = path -> false;
    private final Map<String, List<Hit>> hitCache = new HashMap<>();
    private TreeFilter paths = TreeFilter.ALL;
    private final List<ScanWarning> warnings = new ArrayList<>();
    private Timeline timeline;
    private HistoryWalk history;

    public LedgerMiner(Repository repo, Detector detector, Fingerprinter fingerprinter, CommitAttributor attributor) {
        this(repo, detector, fingerprinter, attributor, DEFAULT_MAX_BLOB_BYTES);
    }

    public LedgerMiner(Repository repo, Detector detector, Fingerprinter fingerprinter, CommitAttributor attributor,
                       long maxBlobBytes) {
        this.repo = repo;
        this.detector = detector;
        this.fingerprinter = fingerprinter;
        this.attributor = attributor;
        this.maxBlobBytes = maxBlobBytes;
        this.findings = new FindingFactory(fingerprinter);
    }

    /** Skips paths the configuration ignores ({@code paths.ignore}), as the scans do. */
    public LedgerMiner ignoring(Predicate<String> ignoredPaths) {
        this.ignored = ignoredPaths;
        return this;
    }

    /** What one detection left behind: never the raw value. */
    private record Hit(String fingerprint, String ruleId, Category category, Severity severity, String redacted) {
    }

    /** The files that hold findings at one commit, and which fingerprints each holds. Copy-on-write. */
    private record Snapshot(Map<String, ObjectId> blobs, Map<String, Set<String>> pathsByFingerprint) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        boolean holds(String fp) {
            return pathsByFingerprint.containsKey(fp);
        }

        Set<String> paths(String fp) {
            return pathsByFingerprint.getOrDefault(fp, Set.of());
        }
    }

    /**
     * Restricts mining to these paths. A history scan already knows every path where a finding was ever introduced;
     * walking only those keeps {@code scan --history} at the speed of the blob scan.
     */
    public LedgerMiner onlyPaths(java.util.Collection<String> only) {
        paths = only.isEmpty() ? TreeFilter.ALL
                : org.eclipse.jgit.treewalk.filter.PathFilterGroup.createFromStrings(only);
        return this;
    }

    /**
     * Mines the commits of a walk this run already made (a whole-history scan's) instead of walking again; HEAD's
     * history is taken from it.
     */
    public LedgerMiner over(HistoryWalk walk) {
        this.history = walk;
        return this;
    }

    /** Files the miner skipped (too large, unreadable, detector failures). */
    public List<ScanWarning> warnings() {
        return List.copyOf(warnings);
    }

    /** The history of every fingerprint; mined once and memoised. */
    public Timeline timeline() throws IOException {
        if (timeline == null) {
            timeline = mine();
        }
        return timeline;
    }

    private Timeline mine() throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) {
            return Timeline.empty();
        }
        Map<String, Hit> meta = new TreeMap<>();
        Map<String, List<TimelineEvent>> events = new TreeMap<>();
        Snapshot headState;
        HistoryWalk commitsOf = history != null ? history
                : HistoryWalk.of(repo, new CommitSet(List.of(head), List.of(), head, List.of()));
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            List<RevCommit> commits = commitsOf.reachableFrom(head);
            Map<ObjectId, Integer> pendingChildren = new HashMap<>();
            for (RevCommit c : commits) {
                for (RevCommit p : c.getParents()) {
                    pendingChildren.merge(p.getId(), 1, Integer::sum);
                }
            }
            Map<ObjectId, Snapshot> states = new HashMap<>();
            for (RevCommit c : commits) {
                RevCommit[] parents = c.getParents();
                for (RevCommit p : parents) {
                    walk.parseHeaders(p);
                }
                Snapshot base = parents.length == 0 ? Snapshot.EMPTY : states.get(parents[0].getId());
                Set<String> candidates = new LinkedHashSet<>();
                Snapshot next = advance(reader, base, parents.length == 0 ? null : parents[0], c, candidates, meta);
                states.put(c.getId(), next);
                Attribution who = null;
                for (String fp : candidates) {
                    boolean now = next.holds(fp);
                    boolean inAll = parents.length > 0;
                    boolean inAny = false;
                    for (RevCommit p : parents) {
                        boolean held = states.get(p.getId()).holds(fp);
                        inAll &= held;
                        inAny |= held;
                    }
                    TimelineEvent.Kind kind = null;
                    Set<String> paths = null;
                    if (now && !inAny) {
                        kind = TimelineEvent.Kind.INTRODUCED;
                        paths = next.paths(fp);
                    } else if (!now && (parents.length == 1 ? inAny : inAll)) {
                        kind = TimelineEvent.Kind.REMOVED;
                        paths = base.paths(fp);
                    }
                    if (kind != null) {
                        if (who == null) {
                            walk.parseBody(c); // the walk keeps no bodies: the author is read again
                            who = attributor.attribute(c);
                        }
                        events.computeIfAbsent(fp, k -> new ArrayList<>()).add(new TimelineEvent(kind, c.getId().name(),
                                parents.length == 0 ? null : parents[0].getId().name(), who,
                                new ArrayList<>(new TreeSet<>(paths))));
                    }
                }
                for (RevCommit p : parents) {
                    if (pendingChildren.merge(p.getId(), -1, Integer::sum) <= 0) {
                        states.remove(p.getId());
                    }
                }
            }
            headState = states.get(head);
        }
        SortedMap<String, FindingHistory> out = new TreeMap<>();
        for (Map.Entry<String, List<TimelineEvent>> e : events.entrySet()) {
            Hit h = meta.get(e.getKey());
            out.put(e.getKey(), new FindingHistory(e.getKey(), h.ruleId(), h.category(), h.severity(), h.redacted(),
                    e.getValue(), new ArrayList<>(new TreeSet<>(headState.paths(e.getKey())))));
        }
        return new Timeline(head.name(), out);
    }

    /** Applies the diff parent→commit to the parent's snapshot, collecting the fingerprints it touched. */
    private Snapshot advance(ObjectReader reader, Snapshot base, RevCommit parent, RevCommit c, Set<String> touched,
                             Map<String, Hit> meta) throws IOException {
        Map<String, ObjectId> blobs = null;
        Map<String, Set<String>> byFp = null;
        try (TreeWalk tw = new TreeWalk(repo, reader)) {
            tw.setRecursive(true);
            if (parent == null) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(parent.getTree());
            }
            tw.addTree(c.getTree());
            tw.setFilter(paths == TreeFilter.ALL ? TreeFilter.ANY_DIFF
                    : org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(paths, TreeFilter.ANY_DIFF));
            while (tw.next()) {
                String path = tw.getPathString();
                if (BaselineStore.isBaselineArtifact(path) || ignored.test(path)) {
                    continue;
                }
                ObjectId newId = isFile(tw.getFileMode(1)) ? tw.getObjectId(1) : null;
                ObjectId oldId = base.blobs().get(path);
                List<Hit> oldHits = oldId == null ? List.of() : hits(reader, path, oldId);
                List<Hit> newHits = newId == null ? List.of() : hits(reader, path, newId);
                if (oldHits.isEmpty() && newHits.isEmpty()) {
                    continue;
                }
                if (blobs == null) {
                    blobs = new HashMap<>(base.blobs());
                    byFp = new HashMap<>(base.pathsByFingerprint());
                }
                for (Hit h : oldHits) {
                    touched.add(h.fingerprint());
                    byFp.computeIfPresent(h.fingerprint(), (k, s) -> {
                        Set<String> n = new TreeSet<>(s);
                        n.remove(path);
                        return n.isEmpty() ? null : n;
                    });
                }
                blobs.remove(path);
                if (!newHits.isEmpty()) {
                    blobs.put(path, newId);
                }
                for (Hit h : newHits) {
                    touched.add(h.fingerprint());
                    meta.putIfAbsent(h.fingerprint(), h);
                    byFp.compute(h.fingerprint(), (k, s) -> {
                        Set<String> n = s == null ? new TreeSet<>() : new TreeSet<>(s);
                        n.add(path);
                        return n;
                    });
                }
            }
        }
        return blobs == null ? base : new Snapshot(blobs, byFp);
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private List<Hit> hits(ObjectReader reader, String path, ObjectId blob) throws IOException {
        String key = path + "\u0000" + blob.name();
        List<Hit> cached = hitCache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Hit> found = new ArrayList<>();
        for (Detection d : detect(reader, path, blob)) {
            // Fingerprinted exactly as the scans do (FindingFactory: rule, subject, lineage property).
            found.add(new Hit(findings.toFinding(d, path, null).fingerprint(), d.ruleId(), d.category(),
                    d.severity(), d.redacted()));
        }
        Map<String, Hit> byFp = new LinkedHashMap<>();
        found.forEach(h -> byFp.putIfAbsent(h.fingerprint(), h));
        List<Hit> distinct = List.copyOf(byFp.values());
        hitCache.put(key, distinct);
        return distinct;
    }

    /** Detections in one blob; empty for binary, oversized or unreadable content (with a warning). */
    private List<Detection> detect(ObjectReader reader, String path, ObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob);
        if (loader.getSize() > maxBlobBytes) {
            warnings.add(new ScanWarning(path, "skipped blob " + blob.abbreviate(7).name() + " larger than "
                    + maxBlobBytes + " bytes"));
            return List.of();
        }
        String which = "blob " + blob.abbreviate(7).name() + ": ";
        return DetectionMerger.merge(ContentSniffer.detectAll(detector, path, loader.getBytes(),
                w -> warnings.add(new ScanWarning(w.path(), which + w.reason()))));
    }

    /**
     * The fix ledger: for every fingerprint absent at HEAD that was removed at some point, its latest removal with
     * the redacted diff of each file the fix removed it from.
     */
    public SortedMap<String, LedgerEntry> ledger() throws IOException {
        SortedMap<String, LedgerEntry> out = new TreeMap<>();
        for (FindingHistory h : timeline().findings().values()) {
            if (h.presentAtHead()) {
                continue;
            }
            Optional<TimelineEvent> removal = h.lastRemoval();
            if (removal.isEmpty()) {
                continue;
            }
            TimelineEvent fix = removal.get();
            PersonRecord introduced = h.introductionBefore(fix).map(e -> PersonRecord.of(e.by())).orElse(null);
            Attribution by = fix.by();
            FixRecord rec = new FixRecord(fix.commit(), fix.parent(), by.name(), by.email(),
                    by.kind() == null ? null : by.kind().id(), by.date() == null ? null : by.date().toString());
            List<LedgerChange> changes = new ArrayList<>();
            for (String path : fix.paths()) {
                changes.add(change(fix, path, h.fingerprint()));
            }
            out.put(h.fingerprint(), new LedgerEntry(h.ruleId(), h.category().id(), h.severity().id(), h.redacted(),
                    introduced, rec, changes));
        }
        return out;
    }

    /**
     * What the fix did to {@code path}: its unified diff with every value the detector recognises redacted, and the
     * places where it put a reference instead of the finding.
     */
    private LedgerChange change(TimelineEvent fix, String path, String fingerprint) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(fix.commit()));
            RevCommit parent = fix.parent() == null ? null : walk.parseCommit(ObjectId.fromString(fix.parent()));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DiffFormatter df = new DiffFormatter(buf)) {
                df.setRepository(repo);
                df.setDetectRenames(false);
                df.setPathFilter(PathFilterGroup.createFromStrings(path));
                df.format(parent == null ? null : parent.getTree(), commit.getTree());
            }
            String patch = buf.toString(StandardCharsets.UTF_8);
            // Every value found in the file before and after the fix, then anything that looks like a value.
            List<Detection> before = detectAt(reader, parent, path);
            List<Detection> after = detectAt(reader, commit, path);
            List<Detection> found = new ArrayList<>(before);
            found.addAll(after);
            patch = redactLeftovers(path, PatchRedactor.redact(patch, found));
            Set<Integer> lines = new TreeSet<>();
            for (Detection d : before) {
                if (findings.toFinding(d, path, null).fingerprint().equals(fingerprint)) {
                    lines.add(d.line());
                }
            }
            List<FixedPlace> places = FixPlaces.of(path, textAt(reader, parent, path), textAt(reader, commit, path),
                    lines, after);
            return new LedgerChange(path, patch, places);
        }
    }

    /** The file's text in a commit, or null when it is absent, binary or too large. */
    private String textAt(ObjectReader reader, RevCommit commit, String path) throws IOException {
        if (commit == null) {
            return null;
        }
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (tw == null || !isFile(tw.getFileMode(0))) {
                return null;
            }
            ObjectLoader loader = reader.open(tw.getObjectId(0));
            if (loader.getSize() > maxBlobBytes) {
                return null;
            }
            byte[] text = ContentSniffer.textOrNull(loader.getBytes());
            return text == null ? null : new String(text, StandardCharsets.UTF_8);
        }
    }

    private List<Detection> detectAt(ObjectReader reader, RevCommit commit, String path) throws IOException {
        if (commit == null) {
            return List.of();
        }
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (tw == null || !isFile(tw.getFileMode(0))) {
                return List.of();
            }
            return detect(reader, path, tw.getObjectId(0));
        }
    }

    /** Safety net: a line of the patch in which the detector still sees something is blanked out entirely. */
    private String redactLeftovers(String path, String patch) {
        List<Detection> left;
        try {
            left = detector.detect(new Document(path, patch.getBytes(StandardCharsets.UTF_8)));
        } catch (DetectorException e) {
            left = List.of();
        }
        if (left.isEmpty()) {
            return patch;
        }
        Set<Integer> lines = new TreeSet<>();
        left.forEach(d -> lines.add(d.line()));
        String[] rows = patch.split("\n", -1);
        for (int ln : lines) {
            int i = ln - 1;
            if (i >= 0 && i < rows.length) {
                String row = rows[i];
                char mark = row.isEmpty() ? ' ' : row.charAt(0);
                rows[i] = (mark == '+' || mark == '-' || mark == ' ' ? String.valueOf(mark) : "")
                        + "[line redacted by holdfast]";
            }
        }
        return String.join("\n", rows);
    }
}

package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ContentSniffer;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanWarning;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who introduced each finding, for all findings of a scan from one walk of the history ({@link Origins}): the commit
 * that added the value to the file, not the last one to touch its line. Works for findings read from the working tree
 * (tree mode: the walk starts at HEAD, and a value HEAD does not hold is uncommitted) and for findings read from a
 * commit (history and push ranges: the walk starts there). To follow a finding the file is detected once more, in
 * memory, to learn its value: a value written in the file is followed by its bytes, anything else (an IaC grant) by
 * running the detector on each older version.
 */
public final class FindingOrigins {
    private static final int DETECTION_CACHE = 256;

    /** Where the findings were read from. */
    public interface Content {
        /**
         * The file's bytes as the scan read them, or null when they cannot be read now.
         *
         * @param repoPath the finding's path relative to the repository's top
         */
        byte[] read(Finding f, String repoPath, Blobs blobs, ObjectReader reader) throws IOException;

        /** The commit whose version of the file the finding was seen in. */
        ObjectId start(Finding f, ObjectId head);

        /** Findings read from the working tree under {@code root}; their versions are HEAD's. */
        static Content workingTree(Path root) {
            Path base = root.toAbsolutePath().normalize();
            return new Content() {
                @Override
                public byte[] read(Finding f, String repoPath, Blobs blobs, ObjectReader reader)
                        throws IOException {
                    Path file = base.resolve(f.location().path()).normalize();
                    return file.startsWith(base) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                }

                @Override
                public ObjectId start(Finding f, ObjectId head) {
                    return head;
                }
            };
        }

        /** Findings read from the commit their location names (history and range scans). */
        static Content locationCommit() {
            return new Content() {
                @Override
                public byte[] read(Finding f, String repoPath, Blobs blobs, ObjectReader reader)
                        throws IOException {
                    ObjectId commit = ObjectId.fromString(f.location().commit());
                    try (RevWalk rw = new RevWalk(reader);
                         TreeWalk tw = TreeWalk.forPath(reader, repoPath, rw.parseCommit(commit).getTree())) {
                        if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                            return null;
                        }
                        return blobs.read(tw.getObjectId(0), repoPath, commit);
                    }
                }

                @Override
                public ObjectId start(Finding f, ObjectId head) {
                    return ObjectId.fromString(f.location().commit());
                }
            };
        }
    }

    /**
     * A finding and where it came from.
     *
     * @param origin null when the finding could not be followed (no file, or its value is no longer there)
     * @param by     who made the introducing commit; null unless the origin is {@link Origins.Introduced}
     */
    public record Traced(Finding finding, Origins.Origin origin, Attribution by) {
        /** The finding with {@code introducedBy} from its origin (none when uncommitted or beyond a shallow clone). */
        public Finding attributed() {
            return origin == null ? finding : finding.withIntroducedBy(by);
        }

        /** The introducing commit, when known. */
        public ObjectId commit() {
            return origin instanceof Origins.Introduced i ? i.commit() : null;
        }
    }

    /**
     * What tracing found.
     *
     * @param traced   every finding, in input order
     * @param warnings what the user should know (a shallow clone hides who introduced some findings)
     */
    public record Result(List<Traced> traced, List<ScanWarning> warnings) {
        /** The findings with {@code introducedBy} set from their origin. */
        public List<Finding> attributed() {
            return traced.stream().map(Traced::attributed).toList();
        }
    }

    private final Repository repo;
    private final String prefix;
    private final Detector detector;
    private final FindingFactory factory;
    private final CommitAuthorClassifier identities;
    private final ObjectFetcher fetcher;

    /**
     * @param prefix where the scanned root sits in the work tree ("" for the top, else "sub/dir/"): finding paths are
     *               relative to the scanned root
     */
    public FindingOrigins(Repository repo, String prefix, Detector detector, FindingFactory factory,
                          CommitAuthorClassifier identities, ObjectFetcher fetcher) {
        this.repo = repo;
        this.prefix = prefix;
        this.detector = detector;
        this.factory = factory;
        this.identities = identities;
        this.fetcher = fetcher;
    }

    /** Traces every finding with a path back to its origin; HEAD is the start for working-tree findings. */
    public Result trace(List<Finding> findings, Content content) throws IOException {
        ObjectId head = repo.resolve("HEAD^{commit}");
        List<Traced> out = new ArrayList<>(findings.size());
        List<ScanWarning> warnings = new ArrayList<>();
        if (head == null) {
            findings.forEach(f -> out.add(new Traced(f, null, null)));
            return new Result(out, warnings);
        }
        CloneState clone = CloneState.of(repo);
        Repos.tuneCaches();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            Blobs blobs = new Blobs(reader, clone, fetcher);
            Map<String, Map<String, Detection>> byFile = new HashMap<>();
            Map<String, byte[]> contents = new HashMap<>();
            Map<ObjectId, List<Detection>> detectionCache = lru();
            List<Origins.Query> queries = new ArrayList<>();
            List<Integer> queryOf = new ArrayList<>();
            Set<String> starts = new LinkedHashSet<>();
            Set<String> paths = new LinkedHashSet<>();
            for (Finding f : findings) {
                String path = f.location() == null ? null : f.location().path();
                ObjectId start = path == null ? null : content.start(f, head);
                Detection d = null;
                byte[] bytes = null;
                if (start != null) {
                    String key = start.name() + '\u0000' + path;
                    Map<String, Detection> detected = byFile.get(key);
                    if (detected == null) {
                        bytes = content.read(f, prefix + path, blobs, reader);
                        detected = bytes == null ? Map.of() : detections(path, bytes);
                        byFile.put(key, detected);
                        if (bytes != null) {
                            contents.put(key, bytes);
                        }
                    }
                    bytes = contents.get(key);
                    d = detected.get(f.fingerprint());
                }
                if (d == null) {
                    queryOf.add(-1);
                    continue;
                }
                byte[] value = d.subject().getBytes(StandardCharsets.UTF_8);
                Origins.Holds holds = bytes != null && value.length > 0 && indexOf(bytes, value) >= 0
                        ? new ValueHolds(value) : new DetectionHolds(d, detectionCache);
                queryOf.add(queries.size());
                queries.add(new Origins.Query(prefix + path, start, holds));
                starts.add(start.name());
                paths.add(prefix + path);
            }
            blobs.prefetchHistory(starts, paths);
            List<Origins.Origin> origins = new Origins(repo, clone, fetcher).find(queries);
            contents.clear();
            Map<ObjectId, Attribution> who = new HashMap<>();
            int beyond = 0;
            ObjectId boundary = null;
            for (int i = 0; i < findings.size(); i++) {
                int q = queryOf.get(i);
                Origins.Origin o = q < 0 ? null : origins.get(q);
                Attribution a = null;
                if (o instanceof Origins.Introduced in) {
                    a = who.get(in.commit());
                    if (a == null) {
                        a = CommitAttribution.of(rw, in.commit(), identities);
                        who.put(in.commit().copy(), a);
                    }
                } else if (o instanceof Origins.BeyondShallow b) {
                    beyond++;
                    boundary = b.boundary();
                }
                out.add(new Traced(findings.get(i), o, a));
            }
            if (beyond > 0) {
                warnings.add(new ScanWarning(null, "shallow clone: " + beyond + " finding(s) were already in "
                        + boundary.abbreviate(12).name() + ", the oldest commit this clone has, so who introduced "
                        + "them is unknown; fetch the whole history (actions/checkout fetch-depth: 0, or git fetch "
                        + "--unshallow) to know"));
            }
        }
        return new Result(out, warnings);
    }

    /** The file's detections by fingerprint, computed exactly as the scans do. */
    private Map<String, Detection> detections(String path, byte[] bytes) {
        Map<String, Detection> out = new HashMap<>();
        for (Detection d : detect(path, bytes)) {
            out.putIfAbsent(factory.toFinding(d, path, null).fingerprint(), d);
        }
        return out;
    }

    private List<Detection> detect(String path, byte[] bytes) {
        // Every reading the scan made (UTF-16 decoded, both readings when in doubt), unmerged: the finding's own
        // detection is among them whichever rule the scan's merge preferred.
        return ContentSniffer.detectAll(detector, path, bytes, w -> { });
    }

    /** Holds the finding when the file still contains its value, wherever and however indented. */
    private record ValueHolds(byte[] value) implements Origins.Holds {
        @Override
        public boolean in(ObjectId blob, byte[] content, String path) {
            return indexOf(content, value) >= 0;
        }

        @Override
        public String toString() {
            return "ValueHolds"; // never the value
        }
    }

    /** Holds the finding when the detector still finds the same rule and subject in the file. */
    private final class DetectionHolds implements Origins.Holds {
        private final String ruleId;
        private final String subject;
        private final Map<ObjectId, List<Detection>> cache;

        DetectionHolds(Detection d, Map<ObjectId, List<Detection>> cache) {
            this.ruleId = d.ruleId();
            this.subject = d.subject();
            this.cache = cache;
        }

        @Override
        public boolean in(ObjectId blob, byte[] content, String path) {
            List<Detection> ds = cache.get(blob);
            if (ds == null) {
                String rel = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
                ds = detect(rel, content);
                cache.put(blob.copy(), ds);
            }
            for (Detection d : ds) {
                if (d.ruleId().equals(ruleId) && d.subject().equals(subject)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean anyFile() {
            return false; // running every detector on every file a commit changed costs too much for a rename
        }

        @Override
        public String toString() {
            return "DetectionHolds[" + ruleId + "]"; // never the subject
        }
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > DETECTION_CACHE;
            }
        };
    }

    static int indexOf(byte[] hay, byte[] needle) {
        if (needle.length == 0 || needle.length > hay.length) {
            return -1;
        }
        byte first = needle[0];
        int last = hay.length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && hay[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    /** Where {@code root} sits inside the work tree of {@code repo}: "" for the top, else "sub/dir/". */
    public static String prefix(Repository repo, Path root) throws IOException {
        if (repo.isBare()) {
            return "";
        }
        Path top = repo.getWorkTree().toPath().toRealPath();
        String rel = top.relativize(root.toRealPath()).toString().replace(java.io.File.separatorChar, '/');
        return rel.isEmpty() ? "" : rel + "/";
    }
}

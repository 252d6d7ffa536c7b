package dev.holdfast.cli.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Histories built to strain a whole-history scan's memory, scanned by the real CLI in a child JVM whose heap is capped
 * far below what the histories hold ({@value #HEAP}): one huge file in every commit, twenty thousand paths changing
 * at once, lines of half a megabyte. Each scan stays within that heap: it finishes, never with an OutOfMemoryError,
 * skips what is over the size cap (or over what this heap lets one version take) with a warning per version and
 * nothing else, and finds every key it was given. A partial scan would exit 3; these exit 1, for the keys.
 */
class HistoryMemoryBadInputTest {
    private static final String HEAP = "-Xmx96m";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aHugeFileInEveryCommitIsSkippedVersionByVersionWhileTheRestIsScanned() throws Exception {
        Random random = new Random(1);
        String key = AdversarialRepositoryTest.key(31);
        Path repo = build("huge", 12, c -> {
            Map<String, byte[]> tree = new TreeMap<>();
            tree.put("data/dump.sql", text(random, 3 << 20, "INSERT INTO t VALUES (" + c + ", '"));
            String big = new String(text(random, 600 << 10, "row " + c + " "), StandardCharsets.US_ASCII);
            if (c == 7) {
                big = big + AdversarialRepositoryTest.keyLine(key);
            }
            tree.put("data/fixture.csv", big.getBytes(StandardCharsets.US_ASCII));
            return tree;
        });
        // Under the default 10 MB cap, a 3 MiB version is more than this small heap lets one version take: skipped,
        // each with a warning that says so, rather than an OutOfMemoryError.
        Scan heapBound = scan(repo);
        assertThat(heapBound.skipped("data/dump.sql")).isEqualTo(12);
        assertThat(heapBound.warnings).allMatch(w -> w.contains("one version may take in this heap")
                && w.contains("raise -Xmx"));
        assertThat(heapBound.findingCommits("data/fixture.csv")).hasSize(1);

        // Under a 1 MB cap (.holdfast.yml), the same versions are over the size cap: the warning says that.
        Files.writeString(repo.resolve(".holdfast.yml"), "version: 1\nscan:\n  maxFileSize: 1MB\n");
        Scan capped = scan(repo);
        assertThat(capped.skipped("data/dump.sql")).isEqualTo(12);
        assertThat(capped.warnings).allMatch(w -> w.contains("over the size cap"));
        assertThat(capped.findingCommits("data/fixture.csv")).isEqualTo(heapBound.findingCommits("data/fixture.csv"));
    }

    @Test
    void twentyThousandPathsChangingAtOnceAreAllScanned() throws Exception {
        String key = AdversarialRepositoryTest.key(32);
        Path repo = build("wide", 3, c -> {
            Map<String, byte[]> tree = new TreeMap<>();
            for (int i = 0; i < 20_000; i++) {
                String body = "service." + i + ".url=https://internal/" + i + "/v" + c + "\n"
                        + (c == 2 && i == 19_999 ? AdversarialRepositoryTest.keyLine(key) : "");
                tree.put(String.format("svc%03d/config%05d.properties", i / 100, i),
                        body.getBytes(StandardCharsets.US_ASCII));
            }
            return tree;
        });
        Scan s = scan(repo);
        assertThat(s.warnings).isEmpty();
        assertThat(s.findingCommits("svc199/config19999.properties")).hasSize(1);
    }

    @Test
    void linesOfHalfAMegabyteRewrittenEveryCommitAreScanned() throws Exception {
        Random random = new Random(3);
        String key = AdversarialRepositoryTest.key(33);
        Path repo = build("long-lines", 12, c -> {
            StringBuilder line = new StringBuilder("var bundle=\"");
            String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            while (line.length() < 500_000) {
                line.append(alnum.charAt(random.nextInt(alnum.length())));
                if (c == 9 && line.length() == 250_000) {
                    line.append("\";var aws_access_key_id=\"").append(key).append("\";var more=\"");
                }
            }
            return Map.of("web/bundle.min.js", line.append("\";\n").toString().getBytes(StandardCharsets.US_ASCII));
        });
        Scan s = scan(repo);
        assertThat(s.warnings).isEmpty();
        assertThat(s.findingCommits("web/bundle.min.js")).hasSize(1);
    }

    /** What a scan said: its exit code, its warnings, and its findings' paths and commits. */
    private record Scan(List<String> warnings, JsonNode findings) {
        long skipped(String path) {
            return warnings.stream().filter(w -> w.startsWith(path + ": skipped blob")).count();
        }

        List<String> findingCommits(String path) {
            List<String> out = new ArrayList<>();
            findings.forEach(f -> {
                if (path.equals(f.at("/location/path").asText())) {
                    out.add(f.at("/location/commit").asText());
                }
            });
            return out;
        }
    }

    /** The real CLI, in a child JVM with a small heap: {@code scan --history} as JSON. */
    private Scan scan(Path repo) throws Exception {
        Path report = dir.resolve(repo.getFileName() + ".json");
        Path log = dir.resolve(repo.getFileName() + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.holdfast.cli.Main", "scan", repo.toString(), "--history", "--no-progress", "--format", "json",
                "--output", report.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("hang guard").isTrue();
        String output = Files.readString(log);
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(p.exitValue()).as(output).isEqualTo(1); // findings; 3 would be a failed or partial scan
        JsonNode json = JSON.readTree(report.toFile());
        List<String> warnings = new ArrayList<>();
        json.get("warnings").forEach(w -> warnings.add(w.get("path").asText() + ": " + w.get("reason").asText()));
        return new Scan(warnings, json.get("findings"));
    }

    /** A repository of {@code commits} commits on main, commit c holding exactly the tree {@code tree.apply(c)}. */
    private Path build(String name, int commits, IntFunction<Map<String, byte[]>> tree) throws Exception {
        Path path = dir.resolve(name);
        try (Git git = Git.init().setDirectory(path.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            ObjectId parent = null;
            try (ObjectInserter ins = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
                for (int c = 0; c < commits; c++) {
                    DirCache dc = DirCache.newInCore();
                    DirCacheBuilder b = dc.builder();
                    for (Map.Entry<String, byte[]> e : tree.apply(c).entrySet()) {
                        DirCacheEntry entry = new DirCacheEntry(e.getKey());
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue()));
                        b.add(entry);
                    }
                    b.finish();
                    CommitBuilder cb = new CommitBuilder();
                    cb.setTreeId(dc.writeTree(ins));
                    if (parent != null) {
                        cb.setParentId(parent);
                    }
                    PersonIdent who = new PersonIdent("Dev", "dev@example.com",
                            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * c), ZoneOffset.UTC);
                    cb.setAuthor(who);
                    cb.setCommitter(who);
                    cb.setMessage("commit " + c);
                    parent = ins.insert(cb);
                }
                ins.flush();
            }
            RefUpdate u = repo.updateRef("refs/heads/main");
            u.setNewObjectId(parent);
            u.forceUpdate();
        }
        return path;
    }

    /** About {@code size} bytes of text lines, each starting with {@code prefix}: compressible, never repeated. */
    private static byte[] text(Random random, int size, String prefix) {
        StringBuilder sb = new StringBuilder(size + 100);
        while (sb.length() < size) {
            sb.append(prefix).append(random.nextInt(1_000_000)).append("', 'value ").append(random.nextLong())
                    .append("');\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.scanner.scan.ScanResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.holdfast.scanner.git.TestRepo.awsKey;
import static dev.holdfast.scanner.git.TestRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryScannerTest {
    static final FindingFactory MAKER = (
            new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey())));

    @TempDir
    Path tmp;

    static ScanResult scan(Path dir, HistoryOptions options) throws Exception {
        return new HistoryScanner().scan(dir, new AwsKeyTestDetector(), MAKER, options.withThreads(2));
    }

    static Finding only(ScanResult r, String path) {
        List<Finding> fs = r.findings().stream().filter(f -> path.equals(f.location().path())).toList();
        assertThat(fs).as("findings at " + path).hasSize(1);
        return fs.get(0);
    }

    @Test
    void testKeysBundleNamesTheCommitsThatIntroducedEachKey() throws Exception {
        Path clone = tmp.resolve("test_keys");
        Path bundle = Path.of("../fixtures/test_keys.bundle").toAbsolutePath().normalize();
        try (Git ignored = Git.cloneRepository().setURI(bundle.toString()).setDirectory(clone.toFile())
                .setCloneAllBranches(true).call()) {
            // cloned from the bundle with JGit: no git binary
        }
        ScanResult r = scan(clone, HistoryOptions.all());

        assertThat(r.target().mode()).isEqualTo("history");
        assertThat(r.target().commit()).startsWith("0416560");
        Finding removed = only(r, "keys");
        assertThat(removed.ruleId()).isEqualTo(AwsKeyTestDetector.RULE);
        assertThat(removed.location().commit()).startsWith("fbc1430");
        assertThat(removed.location().line()).isEqualTo(4);
        assertThat(removed.properties()).containsEntry(FindingProperty.PRESENT_AT_HEAD.key(), "false");
        assertThat(removed.introducedBy().commit()).startsWith("fbc1430");
        assertThat(removed.introducedBy().name()).isEqualTo("counter");
        assertThat(removed.introducedBy().kind()).isEqualTo(IdentityKind.HUMAN);

        Finding current = only(r, "new_key");
        assertThat(current.location().commit()).startsWith("0416560");
        assertThat(current.introducedBy().email()).isEqualTo("hello@trufflesec.com");
        assertThat(current.properties()).containsEntry(FindingProperty.PRESENT_AT_HEAD.key(), "true");
        assertThat(r.findings()).hasSize(2);
        assertThat(r.partial()).isFalse();
        // Evidence is redacted: the raw key never reaches a finding.
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.redacted()).contains("…"));
    }

    @Test
    void mapsEachFindingToTheOldestCommitAndPathThatIntroducedIt() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            String k1 = awsKey(1);
            String k2 = awsKey(2);
            ObjectId c1 = t.commit("main", files("README", "hello\n"), "start");
            ObjectId c2 = t.commit("main", files("README", "hello\n", "conf/app.ini", "a=1\nkey=" + k1 + "\n"),
                    "add config", c1);
            // later edits keep the key: still introduced by c2
            ObjectId c3 = t.commit("main", files("README", "hello\n", "conf/app.ini", "a=2\nkey=" + k1 + "\nb=3\n"),
                    "tweak config", c2);
            ObjectId c4 = t.commit("main", files("README", "hello\n", "conf/app.ini", "a=2\nb=3\n",
                    "old/notes.txt", "x " + k2 + "\n"), "remove key, add notes", c3);
            ObjectId c5 = t.commit("main", files("README", "hello " + k2.substring(0, 8) + "\n",
                    "conf/app.ini", "a=2\nb=3\n"), "drop notes", c4);

            ScanResult r = scan(t.dir, HistoryOptions.all());

            Finding f1 = only(r, "conf/app.ini");
            assertThat(f1.location().commit()).isEqualTo(c2.name());
            assertThat(f1.location().line()).isEqualTo(2);
            assertThat(f1.properties()).containsEntry("presentAtHead", "false");
            Finding f2 = only(r, "old/notes.txt");
            assertThat(f2.location().commit()).isEqualTo(c4.name());
            assertThat(f2.properties()).containsEntry("presentAtHead", "false");
            assertThat(r.findings()).hasSize(2);
            assertThat(r.target().commit()).isEqualTo(c5.name());
        }
    }

    @Test
    void theSameKeyOnTwoBranchesIsAttributedToTheOlderCommit() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            String k = awsKey(3);
            ObjectId base = t.commit("main", files("a.txt", "a\n"), "base");
            ObjectId early = t.commit("topic", files("a.txt", "a\n", "s.txt", "k=" + k + "\n"), "early", base);
            ObjectId late = t.commit("main", files("a.txt", "a\n", "s.txt", "k=" + k + "\n"), "late", base);
            ScanResult r = scan(t.dir, HistoryOptions.all());
            Finding f = only(r, "s.txt");
            // placed on HEAD's line, first seen (and attributed, before finer tracing) at the older commit
            assertThat(f.location().commit()).isEqualTo(late.name());
            assertThat(f.introducedBy().commit()).isEqualTo(early.name());
            assertThat(f.properties()).containsEntry("presentAtHead", "true")
                    .containsEntry(FindingProperty.FIRST_SEEN_IN.key(), early.name() + ":s.txt");
        }
    }

    @Test
    void aKeyStillInHeadUnderAnotherPathIsPresentAtHead() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            String k = awsKey(4);
            ObjectId c1 = t.commit("main", files("a.txt", "k=" + k + "\n"), "add");
            ObjectId c2 = t.commit("main", files("b.txt", "k=" + k + "\n", "c.txt", "other\n"), "rename", c1);
            ScanResult r = scan(t.dir, HistoryOptions.all());
            // one blob, first introduced at a.txt: renaming keeps the secret, and it is still at HEAD, in b.txt
            Finding f = only(r, "b.txt");
            assertThat(f.location().commit()).isEqualTo(c2.name());
            assertThat(f.introducedBy().commit()).isEqualTo(c1.name());
            assertThat(f.properties()).containsEntry("presentAtHead", "true")
                    .containsEntry(FindingProperty.FIRST_SEEN_IN.key(), c1.name() + ":a.txt");
            assertThat(r.findings()).hasSize(1);
        }
    }

    @Test
    void skipsBinariesAndWarnsAboutBlobsOverTheSizeCap() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            String k = awsKey(5);
            byte[] binary = ("\u0000\u0001PNG " + k + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] big = ("k=" + k + "\n" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> tree = new TreeMap<>();
            tree.put("logo.png", binary);
            tree.put("dump.sql", big);
            tree.put("ok.txt", ("k=" + k + "\n").getBytes(StandardCharsets.UTF_8));
            t.commitBytes("main", tree, TestRepo.ALICE, TestRepo.ALICE, "files");

            ScanResult r = scan(t.dir, HistoryOptions.all().withMaxBlobSize(1000));

            assertThat(r.findings()).extracting(f -> f.location().path()).containsExactly("ok.txt");
            assertThat(r.warnings()).hasSize(1);
            assertThat(r.warnings().get(0).path()).isEqualTo("dump.sql");
            assertThat(r.warnings().get(0).reason()).contains("size cap").doesNotContain(k);
        }
    }

    @Test
    void ignoredPathsAreNotScannedButTheSameContentElsewhereIs() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            String k = awsKey(6);
            ObjectId c1 = t.commit("main", files("vendor/lib.txt", k + "\n", "test/fixture.txt", awsKey(7) + "\n"),
                    "vendored");
            ObjectId c2 = t.commit("main", files("vendor/lib.txt", k + "\n", "test/fixture.txt", awsKey(7) + "\n",
                    "src/copy.txt", k + "\n"), "copied", c1);
            ScanResult r = scan(t.dir, HistoryOptions.all().withIgnored(p -> p.startsWith("vendor/")
                    || p.startsWith("test/")));
            assertThat(r.findings()).extracting(f -> f.location().path()).containsExactly("src/copy.txt");
            assertThat(only(r, "src/copy.txt").location().commit()).isEqualTo(c2.name());
        }
    }

    @Test
    void showingLaterVersionsOnlyTheirChangedLinesFindsTheSameAsScanningWholeBlobs() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            StringBuilder body = new StringBuilder();
            for (int i = 1; i <= 60; i++) {
                body.append("line ").append(i).append('\n');
            }
            String base = body.toString();
            ObjectId c1 = t.commit("main", files("big.txt", base), "v1");
            // v2 inserts the key at line 31 (after 30 unchanged lines)
            String v2 = base.replace("line 31\n", "key=" + awsKey(11) + "\nline 31\n");
            ObjectId c2 = t.commit("main", files("big.txt", v2), "v2", c1);
            // v3 shifts everything down by two lines far above; the key line itself is unchanged
            String v3 = "new a\nnew b\n" + v2;
            ObjectId c3 = t.commit("main", files("big.txt", v3), "v3", c2);
            // v4 puts a second key far from any change, next to an unchanged line
            String v4 = v3.replace("line 55\n", "line 55 " + awsKey(12) + "\n");
            ObjectId c4 = t.commit("main", files("big.txt", v4), "v4", c3);

            ScanResult fast = scan(t.dir, HistoryOptions.all());
            ScanResult whole = scan(t.dir, HistoryOptions.all().withLineMemory(0));

            assertThat(fast.findings()).isEqualTo(whole.findings());
            assertThat(fast.findings()).hasSize(2);
            // both are still at HEAD (c4): placed on HEAD's lines, attributed to the commits that added them
            Finding first = fast.findings().stream().filter(f -> f.introducedBy().commit().equals(c2.name()))
                    .findFirst().orElseThrow();
            assertThat(first.location().line()).isEqualTo(33);
            assertThat(first.properties()).containsEntry("presentAtHead", "true");
            Finding second = fast.findings().stream().filter(f -> f.introducedBy().commit().equals(c4.name()))
                    .findFirst().orElseThrow();
            assertThat(second.location().line()).isEqualTo(58);
            assertThat(fast.findings()).allSatisfy(f -> assertThat(f.location().commit()).isEqualTo(c4.name()));
        }
    }

    @Test
    void anEmptyRepositoryScansCleanWithoutATargetCommit() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("repo"))) {
            ScanResult r = scan(t.dir, HistoryOptions.all());
            assertThat(r.findings()).isEmpty();
            assertThat(r.target().commit()).isNull();
        }
    }

    @Test
    void aDirectoryThatIsNotARepositoryFailsWithOneLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan(tmp, HistoryOptions.all()))
                .isInstanceOf(java.io.IOException.class).hasMessageStartingWith("not a git repository");
    }
}

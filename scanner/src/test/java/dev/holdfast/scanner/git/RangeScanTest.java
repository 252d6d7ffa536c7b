package dev.holdfast.scanner.git;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.holdfast.scanner.git.HistoryScannerTest.only;
import static dev.holdfast.scanner.git.HistoryScannerTest.scan;
import static dev.holdfast.scanner.git.TestRepo.awsKey;
import static dev.holdfast.scanner.git.TestRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push ranges: the cases that break push-triggered scanners. */
class RangeScanTest {
    static final String ZERO = "0".repeat(40);

    @TempDir
    Path tmp;

    private static List<String> paths(ScanResult r) {
        return r.findings().stream().map(f -> f.location().path()).sorted().toList();
    }

    @Test
    void aRangeScansOnlyWhatItsCommitsIntroduced() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId a = t.commit("main", files("old.txt", "k=" + awsKey(1) + "\n"), "old key");
            ObjectId b = t.commit("main", files("old.txt", "k=" + awsKey(1) + "\n", "new.txt", awsKey(2) + "\n"),
                    "new key", a);
            ScanResult r = scan(t.dir, HistoryOptions.range(a.name() + ".." + b.name()));
            assertThat(r.target().mode()).isEqualTo("range");
            assertThat(r.target().commit()).isEqualTo(b.name());
            assertThat(paths(r)).containsExactly("new.txt");
            assertThat(only(r, "new.txt").introducedBy().commit()).isEqualTo(b.name());
            assertThat(r.warnings()).isEmpty();

            ScanResult since = scan(t.dir, HistoryOptions.since(a.name()));
            assertThat(paths(since)).containsExactly("new.txt");
        }
    }

    @Test
    void anAllZeroBeforeScansTheNewBranchsOwnCommitsOnly() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId m1 = t.commit("main", files("main.txt", "k=" + awsKey(1) + "\n"), "main key");
            ObjectId m2 = t.commit("main", files("main.txt", "clean\n"), "main clean", m1);
            ObjectId f1 = t.commit("feature", files("main.txt", "clean\n", "f.txt", awsKey(2) + "\n"), "f key", m2);
            ObjectId f2 = t.commit("feature", files("main.txt", "clean\n", "f.txt", awsKey(2) + "\n",
                    "g.txt", awsKey(3) + "\n"), "g key", f1);
            t.head("feature");

            ScanResult r = scan(t.dir, HistoryOptions.range(ZERO + ".." + f2.name()));

            assertThat(paths(r)).containsExactly("f.txt", "g.txt");
            assertThat(only(r, "f.txt").introducedBy().commit()).isEqualTo(f1.name());
            assertThat(only(r, "g.txt").introducedBy().commit()).isEqualTo(f2.name());
        }
    }

    @Test
    void aNewBranchCheckedOutDetachedExcludesEveryOtherRef() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId m1 = t.commit("main", files("main.txt", "k=" + awsKey(1) + "\n"), "main key");
            ObjectId f1 = t.commit(null, files("main.txt", "k=" + awsKey(1) + "\n", "f.txt", awsKey(2) + "\n"),
                    "f key", m1);
            // as actions/checkout leaves it: HEAD detached at the pushed commit, the branch as a remote ref
            t.setRef("refs/remotes/origin/main", m1);
            t.setRef("refs/remotes/origin/feature", f1);
            t.deleteRef("refs/heads/main");
            t.detachHead(f1);
            ScanResult r = scan(t.dir, HistoryOptions.range(ZERO + ".." + f1.name()));
            assertThat(paths(r)).containsExactly("f.txt");
        }
    }

    @Test
    void aForcePushScansFromTheMergeBaseAndSaysSo() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId base = t.commit("main", files("base.txt", "k=" + awsKey(1) + "\n"), "base");
            ObjectId old = t.commit("main", files("base.txt", "k=" + awsKey(1) + "\n", "old.txt",
                    awsKey(2) + "\n"), "old tip", base);
            // history rewritten: the branch now points to a sibling of the old tip
            ObjectId rewritten = t.commit("main", files("base.txt", "k=" + awsKey(1) + "\n", "new.txt",
                    awsKey(3) + "\n"), "rewritten", base);

            ScanResult r = scan(t.dir, HistoryOptions.range(old.name() + ".." + rewritten.name()));

            assertThat(paths(r)).containsExactly("new.txt");
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.reason())
                    .contains("force push").contains(base.abbreviate(12).name()));
        }
    }

    @Test
    void aForcePushWhoseOldTipIsGoneScansWhatNoOtherRefHolds() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId m1 = t.commit("main", files("base.txt", "k=" + awsKey(1) + "\n"), "base");
            ObjectId f1 = t.commit("feature", files("base.txt", "k=" + awsKey(1) + "\n", "f.txt",
                    awsKey(2) + "\n"), "feature", m1);
            t.head("feature");
            String missing = "1234567890abcdef1234567890abcdef12345678";
            ScanResult r = scan(t.dir, HistoryOptions.range(missing + ".." + f1.name()));
            assertThat(paths(r)).containsExactly("f.txt");
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.reason())
                    .contains("not in this repository"));
        }
    }

    @Test
    void aRootCommitIsDiffedAgainstTheEmptyTree() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId root = t.commit("main", files("a.txt", awsKey(1) + "\n", "dir/b.txt", awsKey(2) + "\n"),
                    "root");
            ScanResult r = scan(t.dir, HistoryOptions.range(ZERO + ".." + root.name()));
            assertThat(paths(r)).containsExactly("a.txt", "dir/b.txt");
            assertThat(r.findings()).allSatisfy(f -> assertThat(f.introducedBy().commit()).isEqualTo(root.name()));
        }
    }

    @Test
    void aMergeBringsInContentFromItsSecondParentAndItsOwnEvilChanges() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId m1 = t.commit("main", files("a.txt", "a\n"), "m1");
            ObjectId f1 = t.commit("feature", files("a.txt", "a\n", "side.txt", awsKey(1) + "\n"), "side key", m1);
            ObjectId m2 = t.commit("main", files("a.txt", "a2\n"), "m2", m1);
            ObjectId merge = t.commit("main", files("a.txt", "a2\n", "side.txt", awsKey(1) + "\n",
                    "evil.txt", awsKey(2) + "\n"), "Merge feature", m2, f1);

            // the push of main: m2..merge. --first-parent would only see the merge and m2.
            ScanResult r = scan(t.dir, HistoryOptions.range(m2.name() + ".." + merge.name()));

            assertThat(paths(r)).containsExactly("evil.txt", "side.txt");
            assertThat(only(r, "side.txt").introducedBy().commit()).isEqualTo(f1.name());
            assertThat(only(r, "evil.txt").introducedBy().commit()).isEqualTo(merge.name());
        }
    }

    @Test
    void aMergeOfAnAlreadyPushedBranchStillReportsWhatItBringsIntoTheTarget() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId m1 = t.commit("main", files("a.txt", "a\n"), "m1");
            ObjectId f1 = t.commit("feature", files("a.txt", "a\n", "side.txt", awsKey(1) + "\n"), "side key", m1);
            ObjectId merge = t.commit("main", files("a.txt", "a\n", "side.txt", awsKey(1) + "\n"), "Merge", m1, f1);
            // the feature was pushed before: only the merge is in range, and it is diffed against every parent,
            // so what it brings into main relative to its first parent is scanned
            t.setRef("refs/remotes/origin/feature", f1);
            ScanResult r = scan(t.dir, HistoryOptions.range(f1.name() + ".." + merge.name()));
            assertThat(paths(r)).containsExactly("side.txt");
            assertThat(only(r, "side.txt").introducedBy().commit()).isEqualTo(merge.name());
        }
    }

    @Test
    void aShallowClonesWholeHistoryIsScannedAsFarAsItGoesAndIsPartial() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId c1 = t.commit("main", files("a.txt", "k=" + awsKey(1) + "\n"), "c1");
            ObjectId c2 = t.commit("main", files("a.txt", "k=" + awsKey(1) + "\n", "b.txt", "b\n"), "c2", c1);
            ObjectId c3 = t.commit("main", files("a.txt", "k=" + awsKey(1) + "\n", "b.txt", "b\n",
                    "c.txt", awsKey(2) + "\n"), "c3", c2);
            Files.writeString(t.repo.getDirectory().toPath().resolve("shallow"), c2.name() + "\n");

            ScanResult r = scan(t.dir, HistoryOptions.all());

            assertThat(r.warnings()).anySatisfy(w -> assertThat(w.reason()).contains("shallow clone")
                    .contains("fetch-depth: 0"));
            assertThat(r.partial()).as("history the clone lacks: never clean").isTrue();
            // c1 lies beyond the boundary: its key is attributed to the boundary commit c2
            assertThat(only(r, "a.txt").introducedBy().commit()).isEqualTo(c2.name());
            assertThat(only(r, "c.txt").introducedBy().commit()).isEqualTo(c3.name());
        }
    }

    @Test
    void aRangeThatReachesAShallowClonesBoundaryIsAOneLineError() throws Exception {
        Path origin = tmp.resolve("origin");
        List<ObjectId> ids;
        try (TestRepo t = new TestRepo(origin)) {
            ids = t.chain("main", null, 6, files("key.txt", awsKey(7) + "\n"));
        }
        Path clone = tmp.resolve("clone");
        try (Git ignored = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile())
                .setDepth(2).call()) {
            // depth 2: only the last two commits are here
        }
        // the before commit is not here, and what no other ref holds reaches the boundary: no guess
        assertThatThrownBy(() -> scan(clone, HistoryOptions.range(ids.get(1).name() + ".." + ids.get(5).name())))
                .isInstanceOf(MissingObjectsException.class)
                .hasMessageContaining("shallow clone").hasMessageContaining(ids.get(4).abbreviate(12).name())
                .hasMessageContaining("fetch-depth: 0").hasMessageNotContaining("\n");
        // a range inside what the clone has is fine
        ScanResult r = scan(clone, HistoryOptions.range(ids.get(4).name() + ".." + ids.get(5).name()));
        assertThat(r.partial()).isFalse();
    }

    @Test
    void rangesOverTwoThousandFortyEightCommitsAreScannedWhole() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            ObjectId base = t.commit("main", files("readme", "r\n"), "base");
            ObjectId p = base;
            ObjectId early = null;
            ObjectId late = null;
            Map<String, String> tree = new TreeMap<>(files("readme", "r\n"));
            for (int i = 0; i < 2100; i++) {
                tree.put("counter.txt", "step " + i + "\n");
                if (i == 3) {
                    tree.put("early.txt", awsKey(1) + "\n");
                }
                if (i == 2098) {
                    tree.put("late.txt", awsKey(2) + "\n");
                }
                p = t.commit(null, tree, "step " + i, p); // the ref moves once, below
                if (i == 3) {
                    early = p;
                }
                if (i == 2098) {
                    late = p;
                }
            }
            t.setRef("refs/heads/main", p);
            ScanResult r = scan(t.dir, HistoryOptions.range(base.name() + ".." + p.name()));
            assertThat(paths(r)).containsExactly("early.txt", "late.txt");
            assertThat(only(r, "early.txt").introducedBy().commit()).isEqualTo(early.name());
            assertThat(only(r, "late.txt").introducedBy().commit()).isEqualTo(late.name());
        }
    }

    @Test
    void badRangesFailWithOneLineNamingTheFlag() throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("r"))) {
            t.commit("main", files("a", "a\n"), "a");
            assertThatThrownBy(() -> scan(t.dir, HistoryOptions.range("main")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--range must be A..B");
            assertThatThrownBy(() -> scan(t.dir, HistoryOptions.range("main..nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("--range: unknown revision 'nope'");
            assertThatThrownBy(() -> scan(t.dir, HistoryOptions.since("nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("--since: unknown revision 'nope'");
        }
    }
}

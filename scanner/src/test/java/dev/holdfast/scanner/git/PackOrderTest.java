package dev.holdfast.scanner.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PackOrderTest {
    @Test
    void everyVersionIsReadAfterTheVersionItIsADeltaOnRootsInPackOrderAndObjectsInNoPackLast(@TempDir Path dir)
            throws Exception {
        Run run = run(dir);
        try (Repository repo = open(dir)) {
            Pack pack = pack(repo);
            try (ObjectReader reader = repo.newObjectReader()) {
                int[] order = PackOrder.of(repo.getObjectDatabase()).plan(reader, run.ids).order();

                assertThat(order).hasSize(run.ids.size()).doesNotHaveDuplicates();
                assertThat(run.ids.get(order[order.length - 1])).isEqualTo(run.loose);
                Map<Integer, Integer> position = new HashMap<>();
                for (int k = 0; k < order.length; k++) {
                    position.put(order[k], k);
                }
                Map<Long, Integer> byOffset = offsets(pack, run.ids);
                List<Long> roots = new ArrayList<>();
                int deltasOnTheRun = 0;
                for (int k : order) {
                    if (run.ids.get(k).equals(run.loose)) {
                        continue;
                    }
                    long offset = pack.getIndex().findOffset(run.ids.get(k));
                    Integer base = byOffset.get(DeltaBaseAccess.baseOffset(reader, pack, offset));
                    if (base == null) {
                        roots.add(offset);
                    } else {
                        deltasOnTheRun++;
                        assertThat(position.get(base)).as("base of version %d read first", k).isLessThan(position.get(k));
                    }
                }
                assertThat(roots).isSorted();
                // most versions are deltas on others of the run (else this test would show nothing)
                assertThat(deltasOnTheRun).isGreaterThan(run.ids.size() / 2);
            }
        }
    }

    @Test
    void aVersionOthersRestOnIsKeptInTheReadersCacheAsSoonAsItIsReadAndEveryReadReturnsTheSameBytes(@TempDir Path dir)
            throws Exception {
        Run run = run(dir);
        try (Repository repo = open(dir)) {
            Pack pack = pack(repo);
            Map<Long, Integer> byOffset = offsets(pack, run.ids);
            try (ObjectReader reader = repo.newObjectReader(); ObjectReader fresh = repo.newObjectReader()) {
                Set<Integer> bases = new HashSet<>();
                for (ObjectId id : run.ids) {
                    long offset = pack.getIndex().findOffset(id);
                    Integer base = offset < 0 ? null : byOffset.get(DeltaBaseAccess.baseOffset(reader, pack, offset));
                    if (base != null) {
                        bases.add(base);
                    }
                }
                assertThat(bases).isNotEmpty();
                PackOrder.Plan plan = PackOrder.of(repo.getObjectDatabase()).plan(reader, run.ids);
                for (int k : plan.order()) {
                    ObjectId id = run.ids.get(k);
                    byte[] data = reader.open(id, Constants.OBJ_BLOB).getCachedBytes();
                    plan.read(reader, k, data);
                    assertThat(data).isEqualTo(fresh.open(id, Constants.OBJ_BLOB).getBytes());
                    long offset = pack.getIndex().findOffset(id);
                    if (offset >= 0) {
                        // before any delta on it is read: kept by the plan, not by JGit's own caching
                        assertThat(DeltaBaseAccess.cached(reader, pack, offset)).as("version %d kept", k)
                                .isEqualTo(bases.contains(k));
                    }
                }
            }
        }
    }

    @Test
    void aWholeObjectHasNoBaseAndADeltasBaseIsAnEntryOfThePack(@TempDir Path dir) throws Exception {
        assertThat(DeltaBaseAccess.available()).as("JGit's package-private pack methods, reached by method handles")
                .isTrue();
        run(dir);
        try (Repository repo = open(dir)) {
            Pack pack = pack(repo);
            Set<Long> entries = new HashSet<>();
            for (PackIndex.MutableEntry e : pack.getIndex()) {
                entries.add(e.getOffset());
            }
            int deltas = 0;
            int whole = 0;
            try (ObjectReader reader = repo.newObjectReader()) {
                for (long offset : entries) {
                    long base = DeltaBaseAccess.baseOffset(reader, pack, offset);
                    if (base == DeltaBaseAccess.NONE) {
                        whole++;
                    } else {
                        deltas++;
                        assertThat(entries).contains(base);
                        assertThat(base).isNotEqualTo(offset);
                    }
                }
            }
            assertThat(deltas).isPositive();
            assertThat(whole).isPositive();
        }
    }

    /**
     * The versions of a file that grows and is edited, repacked into one pack where most are deltas on others (as a
     * clone's pack is), in shuffled order, with one loose object written after the pack.
     */
    private record Run(List<ObjectId> ids, ObjectId loose) {
    }

    private static Run run(Path dir) throws Exception {
        List<ObjectId> versions = new ArrayList<>();
        try (TestRepo t = new TestRepo(dir)) {
            List<String> lines = new ArrayList<>();
            Random random = new Random(7);
            ObjectId parent = null;
            for (int v = 0; v < 40; v++) {
                lines.add(random.nextInt(lines.size() + 1), "line " + v + " of a file that grows and is stored as deltas");
                if (v % 5 == 4) {
                    lines.set(random.nextInt(lines.size()), "an edited line " + v);
                }
                String text = String.join("\n", lines) + "\n";
                parent = parent == null
                        ? t.commit("main", TestRepo.files("a.txt", text), "v" + v)
                        : t.commit("main", TestRepo.files("a.txt", text), "v" + v, parent);
            }
            t.flush();
            try (Git git = Git.wrap(t.repo)) {
                for (var c : git.log().call()) {
                    try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(t.repo, "a.txt", c.getTree())) {
                        versions.add(tw.getObjectId(0));
                    }
                }
                // one pack, written afresh (aggressive: no whole object reused as it was inserted), deltas searched
                git.gc().setAggressive(true).call();
            }
        }
        ObjectId loose;
        try (Repository repo = open(dir); ObjectInserter ins = repo.newObjectInserter()) {
            loose = ins.insert(Constants.OBJ_BLOB, "not packed\n".getBytes(StandardCharsets.UTF_8));
            ins.flush();
        }
        List<ObjectId> ids = new ArrayList<>(versions);
        Collections.shuffle(ids, new Random(11));
        ids.add(7, loose);
        return new Run(ids, loose);
    }

    private static Repository open(Path dir) throws Exception {
        return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
    }

    /** The pack gc wrote (the packs it replaced may linger; the newest comes first, where reads look first). */
    private static Pack pack(Repository repo) throws Exception {
        Pack first = ((ObjectDirectory) repo.getObjectDatabase()).getPacks().iterator().next();
        assertThat(first.getIndex().getObjectCount()).isGreaterThan(80); // the 40 versions, trees and commits
        return first;
    }

    private static Map<Long, Integer> offsets(Pack pack, List<ObjectId> ids) throws Exception {
        Map<Long, Integer> byOffset = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            long offset = pack.getIndex().findOffset(ids.get(i));
            if (offset >= 0) {
                byOffset.put(offset, i);
            }
        }
        return byOffset;
    }
}

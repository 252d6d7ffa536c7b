package dev.holdfast.scanner.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackOrderTest {
    @Test
    void versionsAreReadInPackOrderAndObjectsInNoPackLastInTheirGivenOrder(@TempDir Path dir) throws Exception {
        try (TestRepo t = new TestRepo(dir)) {
            List<ObjectId> versions = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            ObjectId parent = null;
            for (int v = 0; v < 40; v++) {
                text.append("line ").append(v).append(" of a file that grows and is stored as deltas\n");
                ObjectId c = parent == null
                        ? t.commit("main", TestRepo.files("a.txt", text.toString()), "v" + v)
                        : t.commit("main", TestRepo.files("a.txt", text.toString()), "v" + v, parent);
                parent = c;
            }
            t.flush();
            try (Git git = Git.wrap(t.repo)) {
                for (var c : git.log().call()) {
                    try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(t.repo, "a.txt", c.getTree())) {
                        versions.add(tw.getObjectId(0)); // newest first, as a path's history is listed
                    }
                }
                git.gc().setAggressive(false).call(); // one pack, versions stored as deltas of one another
            }
            // one loose object, after the pack was written
            ObjectId loose;
            try (ObjectInserter ins = t.repo.newObjectInserter()) {
                loose = ins.insert(Constants.OBJ_BLOB, "not packed\n".getBytes(StandardCharsets.UTF_8));
                ins.flush();
            }
            List<ObjectId> ids = new ArrayList<>(versions.subList(0, 20));
            ids.add(7, loose);
            ids.addAll(versions.subList(20, 40));

            int[] order = PackOrder.of(t.repo.getObjectDatabase()).readOrder(ids);

            assertThat(order).hasSize(ids.size()).doesNotHaveDuplicates();
            Pack pack = ((ObjectDirectory) t.repo.getObjectDatabase()).getPacks().iterator().next();
            List<Long> offsets = new ArrayList<>();
            for (int k = 0; k < order.length - 1; k++) {
                offsets.add(pack.getIndex().findOffset(ids.get(order[k])));
            }
            assertThat(offsets).doesNotContain(-1L).isSorted();
            assertThat(ids.get(order[order.length - 1])).isEqualTo(loose);
            // the pack's order is not the order given (else this test would show nothing)
            List<Integer> given = new ArrayList<>();
            for (int k : order) {
                given.add(k);
            }
            List<Integer> ascending = new ArrayList<>(given);
            Collections.sort(ascending);
            assertThat(given).isNotEqualTo(ascending);
        }
    }
}

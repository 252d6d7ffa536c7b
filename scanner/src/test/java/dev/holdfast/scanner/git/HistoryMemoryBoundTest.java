package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.Detection;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a history scan keeps between the versions of a file is bounded by the file, not by its history: one file
 * edited 10,000 and 50,000 times, scanned through the real walk and worker pool, holds the same line memory at its
 * peak (two generations of remembered lines at their floor, the last version and its index), and still finds the key
 * one edit brought in. A memory that remembered every line ever seen would hold five times more for the long one.
 */
class HistoryMemoryBoundTest {
    private static final int LINES = 40;
    private static final int KEY_AT = 3_000;

    @TempDir
    Path tmp;

    @Test
    void theSameFileEditedFiftyThousandTimesKeepsABoundedLineMemory() throws Exception {
        Scanned shortHistory = scan(10_000);
        Scanned longHistory = scan(50_000);

        assertThat(longHistory.versions).isEqualTo(50_001);
        assertThat(longHistory.peakLineMemory).isEqualTo(shortHistory.peakLineMemory);
        // the last version and its index, two generations of remembered lines at their floor: nothing per version
        assertThat(longHistory.peakLineMemory).isLessThan(4L * longHistory.fileBytes
                + 2L * 4 * 8 * LineMemory.DEFAULT_FLOOR);
        // and the scan is still the scan: the key is found first in the commit that brought it in, and (this test
        // detector reads context lines too) only while it was in the file, until the edit 40 later replaced it
        for (Scanned s : List.of(shortHistory, longHistory)) {
            assertThat(s.keyOrdinals).isNotEmpty().allMatch(o -> o >= KEY_AT && o < KEY_AT + LINES);
            assertThat(s.keyOrdinals.get(0)).isEqualTo(KEY_AT);
        }
    }

    private record Scanned(long versions, long peakLineMemory, long fileBytes, List<Integer> keyOrdinals) {
    }

    /** One file edited {@code edits} times (a line rewritten each time, every value new), scanned whole-history. */
    private Scanned scan(int edits) throws Exception {
        try (TestRepo t = new TestRepo(tmp.resolve("edits-" + edits))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < LINES; i++) {
                lines.add(String.format("setting.%02d = initial value of a setting that is edited again", i));
            }
            ObjectId parent = t.commit(null, Map.of("app.properties", text(lines)), "start");
            for (int edit = 1; edit <= edits; edit++) {
                String value = edit == KEY_AT ? "aws_access_key_id = " + TestRepo.awsKey(KEY_AT)
                        : String.format("setting.%02d = value %06d of a setting that is edited again",
                        edit % LINES, edit);
                lines.set(edit % LINES, value);
                parent = t.commit(null, Map.of("app.properties", text(lines)), "edit " + edit, parent);
            }
            t.setRef("refs/heads/main", parent);

            List<RevCommit> commits = new ArrayList<>();
            try (RevWalk rw = new RevWalk(t.repo)) {
                rw.sort(RevSort.TOPO);
                rw.sort(RevSort.REVERSE, true);
                rw.markStart(rw.parseCommit(parent));
                rw.forEach(commits::add);
            }
            BlobIntroductions intro = new IntroductionWalk(t.repo, commits, HistoryOptions.NOTHING_IGNORED,
                    new AtomicLong(), () -> { }).run(2);
            BlobPool pool = new BlobPool(t.repo, new AwsKeyTestDetector(), HistoryOptions.DEFAULT_MAX_BLOB_SIZE, 2,
                    (int) HistoryOptions.DEFAULT_LINE_MEMORY, MemoryBudget.of(256L << 20), () -> { });
            pool.scan(intro.byPath());

            List<Integer> keyOrdinals = new ArrayList<>();
            Map<Integer, List<Detection>> byOrdinal = new TreeMap<>();
            pool.detections().forEach((id, ds) -> byOrdinal.put(intro.get(id).ordinal, ds));
            byOrdinal.forEach((ordinal, ds) -> ds.forEach(d -> keyOrdinals.add(ordinal)));
            assertThat(pool.partial()).isFalse();
            return new Scanned(pool.blobsDone(), pool.peakRetainedLineMemory(), text(lines).length(), keyOrdinals);
        }
    }

    private static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}

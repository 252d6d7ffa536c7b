package dev.holdfast.scanner.git;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineIndexTest {
    /** Newlines, vertical tabs (0x0b, which a cheaper newline trick mistakes for one after a newline) and text. */
    @Provide
    Arbitrary<byte[]> texts() {
        return Arbitraries.of((byte) '\n', (byte) 0x0b, (byte) 'a', (byte) 'b', (byte) 0x80, (byte) 0)
                .array(byte[].class).ofMaxSize(200);
    }

    @Property(tries = 2000)
    void lineStartsAreWhereTheNewlinesAre(@ForAll("texts") byte[] t) {
        List<Integer> expected = new ArrayList<>();
        expected.add(0);
        for (int i = 0; i < t.length; i++) {
            if (t[i] == '\n') {
                expected.add(i + 1);
            }
        }
        expected.add(t.length + 1);
        assertThat(LineIndex.lineStarts(t)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    /** An edit (replace a range with other bytes) anywhere: indexing from the old version equals indexing anew. */
    @Property(tries = 3000)
    void indexingAfterAnEditEqualsIndexingAnew(@ForAll("texts") byte[] before, @ForAll("texts") byte[] inserted,
                                               @ForAll int a, @ForAll int b) {
        int from = Math.floorMod(a, before.length + 1);
        int to = from + Math.floorMod(b, before.length - from + 1);
        byte[] after = new byte[from + inserted.length + before.length - to];
        System.arraycopy(before, 0, after, 0, from);
        System.arraycopy(inserted, 0, after, from, inserted.length);
        System.arraycopy(before, to, after, from + inserted.length, before.length - to);
        assertSame(LineIndex.of(before), after);
        assertSame(LineIndex.of(after), before);
    }

    @Property(tries = 1000)
    void indexingAfterAnyOtherTextEqualsIndexingAnew(@ForAll("texts") byte[] x, @ForAll("texts") byte[] y) {
        assertSame(LineIndex.of(x), y);
    }

    @Test
    void linesBetweenEditedLinesAreShared() {
        String body = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "line " + i + "\n")
                .collect(java.util.stream.Collectors.joining());
        byte[] v1 = ("// $Id: A.java 100 $\n" + body + "}\n").getBytes(StandardCharsets.UTF_8);
        byte[] v2 = ("// $Id: A.java 1017 $\n" + body.replace("line 20\n", "line twenty\n") + "}\n")
                .getBytes(StandardCharsets.UTF_8);
        LineIndex next = LineIndex.of(v1).after(v2);
        List<Integer> notShared = new ArrayList<>();
        for (int i = 0; i < next.lines(); i++) {
            if (!next.shared(i)) {
                notShared.add(i);
            }
        }
        assertThat(notShared).containsExactly(0, 21); // the $Id$ line and the edited one: the rest is copied
        // an inserted line loses the step, yet every line still gets its own hash
        byte[] v3 = ("// $Id: A.java 1017 $\nnew\n" + body + "}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(LineIndex.of(v2).after(v3).hashes()).isEqualTo(LineIndex.of(v3).hashes());
    }

    @Test
    void aLargeDroppedBlockIsStepsAwayAndTheWalkFindsItsStepAgain() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add("statement number " + i + ";");
        }
        String v1 = String.join("\n", lines) + "\n";
        List<String> edited = new ArrayList<>(lines);
        edited.subList(100, 250).clear(); // 150 lines dropped: far past the window
        edited.set(0, "header changed;");
        edited.set(edited.size() - 1, "footer changed;");
        String v2 = String.join("\n", edited) + "\n";
        LineIndex next = LineIndex.of(v1.getBytes(StandardCharsets.UTF_8)).after(v2.getBytes(StandardCharsets.UTF_8));
        assertThat(next.hashes()).isEqualTo(LineIndex.of(v2.getBytes(StandardCharsets.UTF_8)).hashes());
        List<Integer> notShared = new ArrayList<>();
        for (int i = 0; i < next.lines(); i++) {
            if (!next.shared(i)) {
                notShared.add(i);
            }
        }
        // the edited lines, and the two after the drop before the walk looks past its window
        assertThat(notShared).containsExactly(0, 100, 101, edited.size() - 1);
        // where the block was: recorded where the walk found its step again
        assertThat(Arrays.stream(next.gaps()).boxed().toList()).anyMatch(g -> g >= 100 && g <= 102);
    }

    /**
     * A chain of versions indexed the way a history scan does, each index filling the arrays the one before the last
     * left behind (larger than needed once the file shrinks, holding stale lines): every index equals one made anew.
     */
    @Property(tries = 500)
    void indexesFillingRecycledArraysEqualIndexesMadeAnew(@ForAll("versions") List<byte[]> versions) {
        LineIndex.Buffers buffers = new LineIndex.Buffers();
        LineIndex last = LineIndex.of(versions.get(0));
        for (byte[] next : versions.subList(1, versions.size())) {
            LineIndex index = last.after(next, buffers);
            buffers.recycle(last, index);
            LineIndex fresh = LineIndex.of(next);
            assertThat(index.lines()).isEqualTo(fresh.lines());
            assertThat(index.starts()).isEqualTo(fresh.starts());
            assertThat(index.hashes()).isEqualTo(fresh.hashes());
            last = index;
        }
    }

    /** Versions of one file: lines of a few kinds, some versions long, some short, some equal to the one before. */
    @Provide
    Arbitrary<List<byte[]>> versions() {
        Arbitrary<String> line = Arbitraries.of("a", "bb", "import x;", "}", "", "key = 1", "value = 2");
        Arbitrary<byte[]> version = line.list().ofMaxSize(40)
                .map(ls -> String.join("\n", ls).getBytes(StandardCharsets.UTF_8));
        return version.list().ofMinSize(2).ofMaxSize(12);
    }

    @Test
    void commonSuffixCountsTrailingBytesUpToTheCap() {
        byte[] x = new byte[5000];
        byte[] y = new byte[4000];
        Arrays.fill(x, (byte) 'z');
        Arrays.fill(y, (byte) 'z');
        y[100] = 'q';
        assertThat(LineIndex.commonSuffix(x, y, 4000)).isEqualTo(4000 - 101);
        assertThat(LineIndex.commonSuffix(x, y, 50)).isEqualTo(50);
        assertThat(LineIndex.commonSuffix(x, x, 5000)).isEqualTo(5000);
    }

    /** Indexing {@code next} from {@code prev} gives what indexing it anew gives, and the lines said shared are. */
    private static void assertSame(LineIndex prev, byte[] next) {
        LineIndex derived = prev.after(next);
        LineIndex fresh = LineIndex.of(next);
        assertThat(derived.text()).isEqualTo(fresh.text());
        assertThat(derived.starts()).isEqualTo(fresh.starts());
        assertThat(derived.hashes()).isEqualTo(fresh.hashes());
        java.util.Set<String> before = new java.util.HashSet<>();
        for (int i = 0; i < prev.lines(); i++) {
            before.add(Arrays.toString(line(prev, i)));
        }
        for (int i = 0; i < derived.lines(); i++) {
            if (derived.shared(i)) {
                assertThat(before).contains(Arrays.toString(line(derived, i)));
            }
        }
    }

    private static byte[] line(LineIndex x, int i) {
        return Arrays.copyOfRange(x.text(), x.start(i), x.end(i));
    }
}

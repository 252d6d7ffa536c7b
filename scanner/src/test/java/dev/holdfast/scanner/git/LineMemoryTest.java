package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.LineReach;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineMemoryTest {
    /** What the built-in secret rules read beyond a line: the window the memory keeps. */
    private static final LineReach REACH = RuleCatalogue.builtin().detector(v -> false).lineReach();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String lines(int from, int to, String changedAt, int changed) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i == changed ? changedAt : "line " + i)
                .collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void laterVersionsShowOnlyChangedLinesWithContextAndMapLineNumbersBack() {
        LineMemory m = new LineMemory(1_000, REACH);
        byte[] v1 = b(lines(1, 60, null, -1));
        LineMemory.Shown first = m.unseen("a.txt", v1);
        assertThat(first.text()).isSameAs(v1);
        assertThat(first.originalLine(7)).isEqualTo(7);

        String v2 = lines(1, 60, "secret here", 20).replace("line 50\n", "changed 50\n");
        LineMemory.Shown shown = m.unseen("a.txt", b(v2));
        String[] out = new String(shown.text(), StandardCharsets.UTF_8).split("\n", -1);
        int c = REACH.context();
        List<String> expected = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] all = v2.split("\n");
        for (int i = 20 - c; i <= 20 + c; i++) {
            expected.add(all[i - 1]);
            numbers.add(i);
        }
        expected.add(""); // the run separator
        numbers.add(50 - c);
        for (int i = 50 - c; i <= 50 + c; i++) {
            expected.add(all[i - 1]);
            numbers.add(i);
        }
        expected.add(""); // after the final newline
        assertThat(out).containsExactlyElementsOf(expected);
        for (int k = 0; k < numbers.size(); k++) {
            assertThat(shown.originalLine(k + 1)).isEqualTo(numbers.get(k));
        }
        assertThat(out[c]).isEqualTo("secret here");
        assertThat(shown.originalLine(c + 1)).isEqualTo(20);
        // single-line rules read only the lines never seen before
        assertThat(shown.changed().stream().mapToObj(i -> out[i]).toList())
                .containsExactly("secret here", "changed 50");

        // a dropped line changes no line, but its neighbours now meet: they are shown, with nothing to read alone
        String v3 = v2.replace("line 35\n", "");
        LineMemory.Shown dropped = m.unseen("a.txt", b(v3));
        assertThat(dropped).isNotNull();
        assertThat(dropped.changed().isEmpty()).isTrue();
        assertThat(new String(dropped.text(), StandardCharsets.UTF_8)).contains("line 34\nline 36\n");

        // nothing changed: nothing to scan
        assertThat(m.unseen("a.txt", b(v3))).isNull();
        // another path has its own memory
        assertThat(m.unseen("b.txt", b(v2)).text()).isEqualTo(b(v2));
    }

    @Test
    void theWindowAndTheKeyBlocksAreTheDetectorsNotTheMemorys() {
        // the built-in rules: a key id pairs with its secret within five lines, one more for a rule joining lines
        assertThat(REACH.context()).isEqualTo(6);
        assertThat(REACH.blockMarkers()).contains("-----BEGIN ", "PuTTY-User-Key-File-");
        // a detector reading further gets more context, and its own block markers are not cut
        LineReach wide = new LineReach(10, List.of("@@KEY"), Integer.MAX_VALUE);
        LineMemory m = new LineMemory(1_000, wide);
        m.unseen("a.txt", b(lines(1, 60, null, -1)));
        LineMemory.Shown shown = m.unseen("a.txt", b(lines(1, 60, "new", 30)));
        assertThat(shown.originalLine(1)).isEqualTo(20);
        assertThat(new String(shown.text(), StandardCharsets.UTF_8).lines().count()).isEqualTo(21);
        m.unseen("b.txt", b(lines(1, 60, "@@KEY begins", 40)));
        LineMemory.Shown whole = m.unseen("b.txt", b(lines(1, 60, "@@KEY begins", 40).replace("line 35\n",
                "changed 35\n")));
        assertThat(whole.lineMap()).isNull(); // shown whole: the block is read entire or not at all
        // the same change without that marker in the reach is shown in part
        LineMemory plain = new LineMemory(1_000, LineReach.NONE);
        plain.unseen("b.txt", b(lines(1, 60, "@@KEY begins", 40)));
        assertThat(plain.unseen("b.txt", b(lines(1, 60, "@@KEY begins", 40).replace("line 35\n", "changed 35\n")))
                .lineMap()).isNotNull();
    }

    @Test
    void aFullMemoryStopsRememberingAndScansMore() {
        LineMemory m = new LineMemory(10, REACH);
        m.unseen("a.txt", b(lines(1, 40, null, -1)));
        byte[] v = b(lines(1, 40, null, -1));
        // the first 40 lines were remembered (the cap is checked per version); a second file is not
        assertThat(m.unseen("a.txt", v)).isNull();
        m.unseen("b.txt", v);
        assertThat(m.unseen("b.txt", v).text()).isEqualTo(v);
    }

    @Test
    void aSmallKeptBudgetForgetsLastVersionsAndShowsMoreButTheSameNewLines() {
        LineMemory roomy = new LineMemory(1_000_000, REACH);
        LineMemory tight = new LineMemory(1_000_000, 1, REACH); // keeps only the path just seen
        Random r = new Random(7);
        String[] paths = {"a.txt", "b.txt", "c.txt"};
        java.util.Map<String, String> current = new java.util.HashMap<>();
        for (int round = 0; round < 300; round++) {
            String path = paths[r.nextInt(paths.length)];
            String v = current.getOrDefault(path, lines(1, 30, null, -1));
            v = lines(1, 30, "changed " + r.nextInt(1000), 1 + r.nextInt(30)) + (r.nextBoolean() ? v : "");
            current.put(path, v);
            assertThat(newLines(tight.unseen(path, b(v)))).isEqualTo(newLines(roomy.unseen(path, b(v))));
        }
    }

    /** The version's numbers of the lines a single-line rule reads. */
    private static List<Integer> newLines(LineMemory.Shown shown) {
        if (shown == null) {
            return List.of();
        }
        int total = (int) new String(shown.text(), StandardCharsets.UTF_8).lines().count();
        if (shown.changed() == null) {
            return IntStream.rangeClosed(1, total).boxed().toList();
        }
        return shown.changed().stream().mapToObj(i -> shown.originalLine(i + 1)).toList();
    }

    @Test
    void hashesTellLinesApart() {
        assertThat(LineIndex.hash(b("abcdefghij"), 0, 10)).isNotEqualTo(LineIndex.hash(b("abcdefghik"), 0, 10));
        assertThat(LineIndex.hash(b("xxabcdefghij"), 2, 12)).isEqualTo(LineIndex.hash(b("abcdefghij"), 0, 10));
        assertThat(LineIndex.hash(b("ab"), 0, 1)).isNotEqualTo(LineIndex.hash(b("a\u0000"), 0, 2));
        assertThat(LineIndex.hash(b("b"), 0, 1)).isNotEqualTo(LineIndex.hash(b("a\u0000"), 0, 2));
        assertThat(LineIndex.hash(b(""), 0, 0)).isNotEqualTo(LineIndex.hash(b("\u0001"), 0, 1));
    }
}

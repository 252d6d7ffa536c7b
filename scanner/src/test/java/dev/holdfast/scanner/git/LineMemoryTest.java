package dev.holdfast.scanner.git;

import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.detect.LineReach;
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
    void theWindowAndTheKeyBlocksAreTheDetectorsNotTheMemorys() {
        // the built-in rules: a key id pairs with its secret within five lines, one more for a rule joining lines
        assertThat(REACH.context()).isEqualTo(6);
        assertThat(REACH.blockMarkers()).contains("-----BEGIN ", "PuTTY-User-Key-File-");
        // a detector reading further gets more context, and its own block markers are not cut
        LineReach wide = new LineReach(10, List.of("@@KEY"), Integer.MAX_VALUE);
        LineMemory m = new LineMemory(wide);
        m.unseen(b(lines(1, 60, null, -1)));
        LineMemory.Shown shown = m.unseen(b(lines(1, 60, "new", 30)));
        assertThat(shown.originalLine(1)).isEqualTo(20);
        assertThat(new String(shown.text(), StandardCharsets.UTF_8).lines().count()).isEqualTo(21);
        String keyed = lines(1, 60, "@@KEY begins", 40);
        LineMemory block = new LineMemory(wide);
        block.unseen(b(keyed));
        assertThat(block.unseen(b(keyed.replace("line 35\n", "changed 35\n"))).lineMap())
                .isNull(); // shown whole: the block is read entire or not at all
        // the same change without that marker in the reach is shown in part
        LineMemory plain = new LineMemory(LineReach.NONE);
        plain.unseen(b(keyed));
        assertThat(plain.unseen(b(keyed.replace("line 35\n", "changed 35\n"))).lineMap()).isNotNull();
    }

    @Test
    void laterVersionsShowOnlyChangedLinesWithContextAndMapLineNumbersBack() {
        LineMemory m = new LineMemory(REACH);
        byte[] v1 = b(lines(1, 60, null, -1));
        LineMemory.Shown first = m.unseen(v1);
        assertThat(first.text()).isSameAs(v1);
        assertThat(first.originalLine(7)).isEqualTo(7);

        String v2 = lines(1, 60, "secret here", 20).replace("line 50\n", "changed 50\n");
        LineMemory.Shown shown = m.unseen(b(v2));
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
        LineMemory.Shown dropped = m.unseen(b(v3));
        assertThat(dropped).isNotNull();
        assertThat(dropped.changed().isEmpty()).isTrue();
        assertThat(new String(dropped.text(), StandardCharsets.UTF_8)).contains("line 34\nline 36\n");

        // nothing changed: nothing to scan
        assertThat(m.unseen(b(v3))).isNull();
        // another path has its own memory, which has seen nothing
        assertThat(new LineMemory(REACH).unseen(b(v2)).text()).isEqualTo(b(v2));
    }

    @Test
    void aLineForgottenAfterManyNewOnesIsNewAgainWhenItComesBack() {
        LineMemory roomy = new LineMemory(1_000_000, REACH);
        LineMemory tight = new LineMemory(1, REACH); // a generation holds as many lines as the file: 20
        String original = lines(1, 20, null, -1);
        roomy.unseen(b(original));
        tight.unseen(b(original));
        for (int edit = 0; edit < 50; edit++) { // line 5 replaced 50 times: 50 new lines, two generations and more
            String v = lines(1, 20, "edit " + edit, 5);
            roomy.unseen(b(v));
            tight.unseen(b(v));
        }
        // line 5 as it first was: the roomy memory knows it, the tight one forgot it and reads it again
        assertThat(newLines(roomy.unseen(b(original)))).isEmpty();
        assertThat(newLines(tight.unseen(b(original)))).containsExactly(5);
    }

    @Test
    void aSmallMemoryReadsMoreLinesAsNewButNeverFewer() {
        LineMemory roomy = new LineMemory(1_000_000, REACH);
        LineMemory tight = new LineMemory(1, REACH);
        Random r = new Random(7);
        String v = lines(1, 30, null, -1);
        List<String> pool = new ArrayList<>(); // lines that come and go: what the tight memory forgets
        for (int i = 0; i < 40; i++) {
            pool.add("recurring " + i);
        }
        boolean tightReadMore = false;
        for (int round = 0; round < 600; round++) {
            List<String> lines = new ArrayList<>(List.of(v.split("\n")));
            String line = r.nextBoolean() ? pool.get(r.nextInt(pool.size())) : "changed " + r.nextInt(100_000);
            lines.set(r.nextInt(lines.size()), line);
            v = String.join("\n", lines) + "\n";
            List<Integer> expected = newLines(roomy.unseen(b(v)));
            List<Integer> got = newLines(tight.unseen(b(v)));
            assertThat(got).containsAll(expected);
            tightReadMore |= got.size() > expected.size();
        }
        assertThat(tightReadMore).isTrue();
    }

    @Test
    void theSameFileEditedFiftyThousandTimesKeepsABoundedMemory() {
        LineMemory m = new LineMemory(REACH);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("line " + i + " of a file that is edited again and again");
        }
        long fileBytes = String.join("\n", lines).length() + 1;
        long afterTenThousand = 0;
        long peak = 0;
        for (int edit = 0; edit < 50_000; edit++) {
            lines.set(edit % lines.size(), String.format("edit %06d of a file that is edited again and again", edit));
            m.unseen(b(String.join("\n", lines) + "\n"));
            peak = Math.max(peak, m.retainedBytes());
            if (edit == 9_999) {
                afterTenThousand = peak;
            }
        }
        // five times the history, the same memory: the last version, its index, and a floor of remembered lines
        assertThat(peak).isEqualTo(afterTenThousand);
        assertThat(peak).isLessThan(4 * fileBytes + 2 * 4 * 8 * LineMemory.DEFAULT_FLOOR);
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

package dev.holdfast.git;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineMemoryTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String lines(int from, int to, String changedAt, int changed) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i == changed ? changedAt : "line " + i)
                .collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void laterVersionsShowOnlyChangedLinesWithContextAndMapLineNumbersBack() {
        LineMemory m = new LineMemory(1_000);
        byte[] v1 = b(lines(1, 60, null, -1));
        LineMemory.Shown first = m.unseen("a.txt", v1);
        assertThat(first.text()).isSameAs(v1);
        assertThat(first.originalLine(7)).isEqualTo(7);

        String v2 = lines(1, 60, "secret here", 20).replace("line 50\n", "changed 50\n");
        LineMemory.Shown shown = m.unseen("a.txt", b(v2));
        String[] out = new String(shown.text(), StandardCharsets.UTF_8).split("\n", -1);
        int c = LineMemory.CONTEXT;
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

        // nothing new: nothing to scan
        assertThat(m.unseen("a.txt", b(v2))).isNull();
        // another path has its own memory
        assertThat(m.unseen("b.txt", b(v2)).text()).isEqualTo(b(v2));
    }

    @Test
    void aFullMemoryStopsRememberingAndScansMore() {
        LineMemory m = new LineMemory(10);
        m.unseen("a.txt", b(lines(1, 40, null, -1)));
        byte[] v = b(lines(1, 40, null, -1));
        // the first 40 lines were remembered (the cap is checked per version); a second file is not
        assertThat(m.unseen("a.txt", v)).isNull();
        m.unseen("b.txt", v);
        assertThat(m.unseen("b.txt", v).text()).isEqualTo(v);
    }

    @Test
    void lineStartsAndHashesAgreeWithTheObviousImplementation() {
        Random r = new Random(42);
        for (int round = 0; round < 500; round++) {
            byte[] t = new byte[r.nextInt(100)];
            for (int i = 0; i < t.length; i++) {
                t[i] = (byte) (r.nextInt(5) == 0 ? '\n' : 'a' + r.nextInt(3));
            }
            List<Integer> expected = new ArrayList<>();
            expected.add(0);
            for (int i = 0; i < t.length; i++) {
                if (t[i] == '\n') {
                    expected.add(i + 1);
                }
            }
            expected.add(t.length + 1);
            assertThat(LineMemory.lineStarts(t)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(LineMemory.hash(b("abcdefghij"), 0, 10)).isNotEqualTo(LineMemory.hash(b("abcdefghik"), 0, 10));
        assertThat(LineMemory.hash(b("xxabcdefghij"), 2, 12)).isEqualTo(LineMemory.hash(b("abcdefghij"), 0, 10));
        assertThat(LineMemory.hash(b("ab"), 0, 1)).isNotEqualTo(LineMemory.hash(b("a\u0000"), 0, 2));
    }
}

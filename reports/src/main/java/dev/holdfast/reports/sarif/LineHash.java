package dev.holdfast.reports.sarif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rolling line hash GitHub's upload action (codeql-action {@code fingerprints.ts}) writes into
 * {@code partialFingerprints.primaryLocationLineHash}. Reproduced exactly so that alerts we upload match the ones
 * GitHub would compute itself, and keep their identity across uploads: a polynomial hash (base 37, 64-bit wrap) over
 * the next 100 characters from the start of each line, ignoring spaces and tabs, with CR and CRLF read as LF, an EOF
 * marker (65535) and zero padding at the end; {@code hex:n} where n counts earlier lines with the same hash.
 */
public final class LineHash {
    private static final int TAB = '\t';
    private static final int SPACE = ' ';
    private static final int LF = '\n';
    private static final int CR = '\r';
    private static final int EOF = 65535;
    private static final int BLOCK_SIZE = 100;
    private static final long MOD = 37;
    private static final long FIRST_MOD = firstMod();

    private LineHash() {
    }

    private static long firstMod() {
        long m = 1;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            m *= MOD;
        }
        return m;
    }

    /** The hash of every line of {@code text}; element i belongs to line i + 1. */
    public static List<String> hashes(String text) {
        return new Hasher().run(text);
    }

    /** The hash of one 1-based line, or null when the text has no such line. */
    public static String forLine(String text, int line) {
        List<String> all = hashes(text);
        return line >= 1 && line <= all.size() ? all.get(line - 1) : null;
    }

    /** One pass over the text; the state mirrors the TypeScript closure variables one to one. */
    private static final class Hasher {
        private final int[] window = new int[BLOCK_SIZE];
        private final int[] lineNumbers = new int[BLOCK_SIZE];
        private final Map<String, Integer> counts = new HashMap<>();
        private final List<String> out = new ArrayList<>();
        private long hash;
        private int index;
        private int lineNumber;
        private boolean lineStart = true;
        private boolean prevCR;

        Hasher() {
            Arrays.fill(lineNumbers, -1);
        }

        List<String> run(String text) {
            for (int i = 0; i < text.length(); i++) {
                process(text.charAt(i));
            }
            process(EOF);
            for (int i = 0; i < BLOCK_SIZE; i++) {
                if (lineNumbers[index] != -1) {
                    output();
                }
                update(0);
            }
            return out;
        }

        private void output() {
            String value = Long.toUnsignedString(hash, 16);
            int n = counts.merge(value, 1, Integer::sum);
            // Lines come out in order, so list position i holds line i + 1.
            out.add(value + ":" + n);
            lineNumbers[index] = -1;
        }

        private void update(int current) {
            int begin = window[index];
            window[index] = current;
            hash = MOD * hash + current - FIRST_MOD * begin;
            index = (index + 1) % BLOCK_SIZE;
        }

        private void process(int c) {
            int current = c;
            if (current == SPACE || current == TAB || (prevCR && current == LF)) {
                prevCR = false;
                return;
            }
            if (current == CR) {
                current = LF;
                prevCR = true;
            } else {
                prevCR = false;
            }
            if (lineNumbers[index] != -1) {
                output();
            }
            if (lineStart) {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }
            if (current == LF) {
                lineStart = true;
            }
            update(current);
        }
    }
}

package dev.holdfast.git;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers, per path, the lines already scanned in earlier versions of that path, so that a history scan shows a
 * line-oriented detector only what each version changed (plus context), and maps its line numbers back. Owned by one
 * worker thread. Bounded: past {@code maxLines} remembered lines it stops remembering, which only costs time.
 */
final class LineMemory {
    /** Lines around a new line that stay visible: secrets paired with a nearby key id, PEM headers and bodies. */
    static final int CONTEXT = 6;

    private final Map<String, LongSet> byPath = new HashMap<>();
    /**
     * Per path, the line hashes of the version seen last, when all of its lines were remembered: the lines a new
     * version shares with it at the start and at the end (most of them) are known without a set lookup, and set
     * lookups are cache misses that dominated the cost of a history scan.
     */
    private final Map<String, long[]> lastVersion = new HashMap<>();
    private final long maxLines;
    private long remembered;

    LineMemory(long maxLines) {
        this.maxLines = maxLines;
    }

    /**
     * What to show the detector of one version.
     *
     * @param text    the lines to scan
     * @param lineMap for each line of {@code text}, its 1-based line number in the version; null when {@code text}
     *                is the whole version
     */
    record Shown(byte[] text, int[] lineMap) {
        /** The version's line number of line {@code line} (1-based) of {@link #text}. */
        int originalLine(int line) {
            if (lineMap == null || line < 1) {
                return line;
            }
            return lineMap[Math.min(line, lineMap.length) - 1];
        }
    }

    /**
     * The part of this version of {@code path} to scan: the whole version when every line is new, else only the
     * lines not seen in an earlier version of the path plus {@link #CONTEXT} lines around them, runs separated by an
     * empty line, with a map back to the version's line numbers; null when nothing is new. Remembers the lines.
     */
    Shown unseen(String path, byte[] text) {
        int[] start = lineStarts(text);
        int n = start.length - 1;
        long[] hash = new long[n];
        for (int i = 0; i < n; i++) {
            hash[i] = hash(text, start[i], Math.min(start[i + 1] - 1, text.length));
        }
        LongSet seen = byPath.get(path);
        long[] prev = lastVersion.get(path);
        int head = 0;
        int tail = 0;
        if (prev != null) {
            while (head < n && head < prev.length && prev[head] == hash[head]) {
                head++;
            }
            while (tail < n - head && tail < prev.length - head
                    && prev[prev.length - 1 - tail] == hash[n - 1 - tail]) {
                tail++;
            }
        }
        boolean[] fresh = new boolean[n];
        int freshCount = 0;
        for (int i = head; i < n - tail; i++) {
            fresh[i] = seen == null || !seen.contains(hash[i]);
            if (fresh[i]) {
                freshCount++;
            }
        }
        remember(path, seen, hash, fresh);
        if (freshCount == 0) {
            return null;
        }
        if (freshCount == n) {
            return new Shown(text, null);
        }
        boolean[] keep = new boolean[n];
        int lastFresh = -CONTEXT - 1;
        for (int i = 0; i < n; i++) {
            if (fresh[i]) {
                lastFresh = i;
                for (int j = Math.max(0, i - CONTEXT); j < i; j++) {
                    keep[j] = true;
                }
            }
            keep[i] = keep[i] || i - lastFresh <= CONTEXT;
        }
        byte[] out = new byte[text.length + n + 1];
        int size = 0;
        int[] map = new int[n + n / 2 + 2];
        int lines = 0;
        boolean gap = false;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                gap = lines > 0;
                continue;
            }
            if (gap) {
                out[size++] = '\n'; // an empty line between runs, so that runs never join
                map[lines++] = i + 1;
                gap = false;
            }
            int s = start[i];
            int e = Math.min(start[i + 1] - 1, text.length);
            System.arraycopy(text, s, out, size, e - s);
            size += e - s;
            out[size++] = '\n';
            map[lines++] = i + 1;
        }
        return new Shown(java.util.Arrays.copyOf(out, size), java.util.Arrays.copyOf(map, lines));
    }

    /** Adds the fresh lines' hashes (the others are in the set already). */
    private void remember(String path, LongSet seen, long[] hash, boolean[] fresh) {
        if (remembered >= maxLines) {
            lastVersion.remove(path); // its lines may not all be in the set
            return;
        }
        lastVersion.put(path, hash);
        if (seen == null) {
            seen = new LongSet();
            byPath.put(path, seen);
        }
        int before = seen.size();
        for (int i = 0; i < hash.length; i++) {
            if (fresh[i]) {
                seen.add(hash[i]);
            }
        }
        remembered += seen.size() - before;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long K = 0x9E3779B97F4A7C15L;

    /**
     * Where each line starts, plus one past the end ({@code text.length + 1}); finds newlines eight bytes at a time
     * because this runs over every byte of history.
     */
    static int[] lineStarts(byte[] text) {
        int[] starts = new int[64];
        int n = 0;
        starts[n++] = 0;
        int i = 0;
        for (; i + 8 <= text.length; i += 8) {
            long x = (long) LONGS.get(text, i) ^ NEWLINES;
            long t = (x - ONES) & ~x & HIGHS;
            while (t != 0) {
                int at = i + (Long.numberOfTrailingZeros(t) >>> 3);
                if (n + 1 >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                }
                starts[n++] = at + 1;
                t &= t - 1;
            }
        }
        for (; i < text.length; i++) {
            if (text[i] == '\n') {
                if (n + 1 >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                }
                starts[n++] = i + 1;
            }
        }
        starts[n++] = text.length + 1;
        return java.util.Arrays.copyOf(starts, n);
    }

    /** A 64-bit hash of text[from, to), eight bytes at a time. */
    static long hash(byte[] text, int from, int to) {
        long h = K ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(text, i)) * K, 29);
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (text[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * K;
        return h ^ (h >>> 32);
    }

    /** An open-addressing set of 64-bit hashes. */
    static final class LongSet {
        private long[] table = new long[64];
        private int size;
        private boolean hasZero;

        boolean contains(long v) {
            if (v == 0) {
                return hasZero;
            }
            int mask = table.length - 1;
            for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
                long t = table[i];
                if (t == v) {
                    return true;
                }
                if (t == 0) {
                    return false;
                }
            }
        }

        void add(long v) {
            if (v == 0) {
                if (!hasZero) {
                    hasZero = true;
                    size++;
                }
                return;
            }
            if ((size + 1) * 2 > table.length) {
                grow();
            }
            int mask = table.length - 1;
            for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
                long t = table[i];
                if (t == v) {
                    return;
                }
                if (t == 0) {
                    table[i] = v;
                    size++;
                    return;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            int mask = table.length - 1;
            for (long v : old) {
                if (v != 0) {
                    int i = mix(v) & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = v;
                }
            }
        }

        private static int mix(long v) {
            long x = v * 0x9E3779B97F4A7C15L;
            return (int) (x ^ (x >>> 32));
        }
    }
}

package dev.holdfast.scanner.git;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One version of a file split into lines, with a 64-bit hash of each line's content (newline excluded).
 *
 * <p>A history scan sees every version of every file, and most versions differ from the one before by a few lines.
 * {@link #after} derives the index of a version from that of its predecessor: the common suffix, and runs of lines
 * the two share as it walks them in step, are found with vectorised byte comparisons and their line starts and hashes
 * copied, so only changed lines are split and hashed. The starts and hashes are the same as {@link #of} gives on the
 * new bytes, at a cost that follows the size of the change rather than the size of the file; the index also says
 * which lines it knows to be shared and where old lines were dropped.
 */
final class LineIndex {
    /** How many lines of the old version a changed line is looked for in, to find the step again. */
    private static final int RESYNC_WINDOW = 64;
    /** After this many changed lines in a row not found in the window, the rest of the old version is indexed. */
    private static final int MISSES_BEFORE_LOOKUP = 3;

    private final byte[] text;
    /** How many lines. */
    private final int lines;
    /**
     * Where each line starts, plus one past the end ({@code text.length + 1}) at {@code starts[lines]}; the array may
     * be longer (a buffer handed down from an older index, see {@link #after(byte[], Buffers)}).
     */
    private final int[] starts;
    /** The lines' hashes, in the first {@link #lines} slots. */
    private final long[] hashes;
    /**
     * Ascending: the lines not known equal to a line of the previous version (every other line is); null for
     * {@link #of}, where no line is known.
     */
    private final int[] novel;
    /** Ascending: the lines before which lines of the previous version were dropped ({@link #lines()} for the end). */
    private final int[] gaps;

    private LineIndex(byte[] text, int lines, int[] starts, long[] hashes, int[] novel, int[] gaps) {
        this.text = text;
        this.lines = lines;
        this.starts = starts;
        this.hashes = hashes;
        this.novel = novel;
        this.gaps = gaps;
    }

    /** Splits and hashes every line of {@code text}. */
    static LineIndex of(byte[] text) {
        int[] starts = lineStarts(text);
        int n = starts.length - 1;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = hash(text, starts[i], Math.min(starts[i + 1] - 1, text.length));
        }
        return new LineIndex(text, n, starts, hashes, null, new int[0]);
    }

    /**
     * Arrays an index no longer needed leaves behind, for the next one to fill: a history scan indexes every version of
     * every file, and allocating (and collecting) two arrays the size of the file per version was a tenth of its
     * allocation. Held by one path's {@link LineMemory}, so bounded by its largest version.
     */
    static final class Buffers {
        private int[] starts;
        private long[] hashes;

        /** Takes back the arrays of an index that is no longer read (unless {@code successor} shares them). */
        void recycle(LineIndex dropped, LineIndex successor) {
            if (dropped != null && dropped.starts != successor.starts) {
                starts = dropped.starts;
                hashes = dropped.hashes;
            }
        }

        long retainedBytes() {
            return (starts == null ? 0 : 4L * starts.length) + (hashes == null ? 0 : 8L * hashes.length);
        }
    }

    /** The index of {@code next}, a later version of this one's file, reusing the lines they share. */
    LineIndex after(byte[] next) {
        return after(next, new Buffers());
    }

    /** As {@link #after(byte[])}, filling the arrays {@code buffers} holds when they are large enough. */
    LineIndex after(byte[] next, Buffers buffers) {
        int m = Arrays.mismatch(text, next);
        if (m < 0) {
            return new LineIndex(next, lines, starts, hashes, new int[0], new int[0]);
        }
        // Lines that start after the first byte of the common suffix are equal: the newline before them is common
        // too, and they run to the end. Past the end each text has a virtual newline, at its sentinel start minus one.
        int suffix = commonSuffix(text, next, Math.min(text.length, next.length) - m);
        int tailFrom = firstAbove(starts, lines, text.length - suffix);
        int delta = next.length - text.length;
        int pTo = Math.min(starts[tailFrom], text.length);
        int nTo = starts[tailFrom] + delta; // where next's tail starts (its sentinel when there is no tail)

        // room for the file to grow: the arrays are handed down to the index after next (see Buffers), which can
        // only fill them when they are larger than it needs, and most files grow over their history
        int capacity = lines() + lines() / 8 + 16;
        Ints s = new Ints(buffers.starts != null && buffers.starts.length >= capacity ? buffers.starts
                : new int[capacity]);
        long[] h = buffers.hashes != null && buffers.hashes.length >= capacity ? buffers.hashes : new long[capacity];
        buffers.starts = null;
        buffers.hashes = null;
        Ints novel = new Ints(16);
        Ints gaps = new Ints(4);
        int n = 0;
        // Walk both versions in step. Runs of equal bytes are copied a run at a time (found by a vectorised
        // mismatch). A line that differs is split and hashed, then looked for among the next few lines of the old
        // version: found, the walk resumes after it (lines were deleted, or this one edited); not found, it was
        // inserted and the old version waits. Whatever the guess, copied lines are equal byte for byte.
        int pl = 0;
        int ni = 0;
        int misses = 0;
        UniqueLines ahead = null;
        while (ni < nTo) {
            if (pl < tailFrom) {
                int pi = starts[pl];
                int mm = Arrays.mismatch(text, pi, pTo, next, ni, Math.min(nTo, next.length));
                int matchedTo = mm < 0 ? starts[tailFrom] : pi + mm;
                // lines whose newline (or, at the end, virtual newline) lies inside the matched run: copied at once
                int upTo = firstAbove(starts, pl + 1, tailFrom + 1, matchedTo) - 1;
                int count = upTo - pl;
                if (count > 0) {
                    if (n + count > h.length) {
                        h = Arrays.copyOf(h, Math.max(n + count, 2 * h.length));
                    }
                    s.addShifted(starts, pl, count, ni - pi);
                    System.arraycopy(hashes, pl, h, n, count);
                    n += count;
                    pl = upTo;
                }
                ni += starts[pl] - pi;
                if (ni >= nTo) {
                    break;
                }
            }
            int e = indexOfNewline(next, ni, Math.min(nTo, next.length));
            int end = e < 0 ? next.length : e;
            if (n == h.length) {
                h = Arrays.copyOf(h, n * 2);
            }
            long hash = hash(next, ni, end);
            int found = -1;
            // a short line ("}", "", "*/") occurs everywhere: it would pull the step to the wrong place
            int to = Math.min(tailFrom, distinctive(next, ni, end) ? pl + RESYNC_WINDOW : pl + 1);
            for (int j = pl; j < to; j++) {
                if (hashes[j] == hash) {
                    found = j;
                    break;
                }
            }
            if (found < 0 && ++misses >= MISSES_BEFORE_LOOKUP && tailFrom - pl > RESYNC_WINDOW
                    && distinctive(next, ni, end)) {
                // a run of lines the window does not know: a large block dropped or moved down, or new code; look
                // further ahead, where the line is unique (a common line such as "}" would mislead)
                if (ahead == null) {
                    ahead = new UniqueLines(hashes, pl, tailFrom);
                }
                int j = ahead.find(hash);
                found = j >= pl ? j : -1;
            }
            if (found >= 0) {
                misses = 0;
            }
            if (found > pl) {
                gaps.add(n); // old lines pl..found-1 were dropped (or edited into the lines before this one)
            }
            s.add(ni);
            if (found < 0) {
                novel.add(n); // else as equal as a seen-line lookup by hash would say
            }
            h[n++] = hash;
            if (found >= 0) {
                pl = found + 1;
            }
            ni = end + 1;
        }
        if (pl != tailFrom) {
            gaps.add(n); // the old lines before the tail (or the end) that were not walked were dropped
        }
        int tail = lines() - tailFrom;
        s.addShifted(starts, tailFrom, tail + 1, delta); // the tail's starts and the end sentinel
        if (n + tail > h.length) {
            h = Arrays.copyOf(h, n + tail);
        }
        System.arraycopy(hashes, tailFrom, h, n, tail);
        return new LineIndex(next, n + tail, s.array(), h, novel.toArray(), gaps.toArray());
    }

    /** Whether a line has more than a few characters besides blanks: enough to find the step again by. */
    private static boolean distinctive(byte[] text, int from, int to) {
        int visible = 0;
        for (int i = from; i < to && visible < 4; i++) {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
                visible++;
            }
        }
        return visible >= 4;
    }

    /** The old version's lines in a range, by hash, for the lines that occur once there (open addressing). */
    private static final class UniqueLines {
        private final long[] keys;
        /** The line plus one, or -1 when the hash occurs more than once; 0 marks an empty slot. */
        private final int[] values;

        UniqueLines(long[] hashes, int from, int to) {
            int capacity = Integer.highestOneBit(Math.max(4, (to - from) * 2 - 1)) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            for (int line = from; line < to; line++) {
                int slot = slot(hashes[line]);
                while (values[slot] != 0 && keys[slot] != hashes[line]) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                if (values[slot] == 0) {
                    keys[slot] = hashes[line];
                    values[slot] = line + 1;
                } else {
                    values[slot] = -1; // seen twice: ambiguous
                }
            }
        }

        /** The line with this hash, or -1 when there is none or more than one. */
        int find(long hash) {
            for (int slot = slot(hash); values[slot] != 0; slot = (slot + 1) & (keys.length - 1)) {
                if (keys[slot] == hash) {
                    return values[slot] > 0 ? values[slot] - 1 : -1;
                }
            }
            return -1;
        }

        private int slot(long hash) {
            long x = hash * 0x9E3779B97F4A7C15L;
            return (int) (x ^ (x >>> 32)) & (keys.length - 1);
        }
    }

    /** The first '\n' in {@code text[from, to)}, or -1. */
    private static int indexOfNewline(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    byte[] text() {
        return text;
    }

    /** The bytes this index holds: the text, line starts, hashes (with their spare room), novel lines and gaps. */
    long retainedBytes() {
        return text.length + 4L * starts.length + 8L * hashes.length + (novel == null ? 0 : 4L * novel.length)
                + 4L * gaps.length;
    }

    int lines() {
        return lines;
    }

    /** Where line {@code i} (0-based) starts. */
    int start(int i) {
        return starts[i];
    }

    /** Where line {@code i} ends, its newline excluded. */
    int end(int i) {
        return Math.min(starts[i + 1] - 1, text.length);
    }

    long hash(int i) {
        return hashes[i];
    }

    long[] hashes() {
        return Arrays.copyOf(hashes, lines);
    }

    int[] starts() {
        return Arrays.copyOf(starts, lines + 1);
    }

    /**
     * Where lines of the previous version were dropped: before each of these lines ({@link #lines()} for the end).
     * Lines that were neighbours may not be any more, which a rule that reads across lines sees.
     */
    int[] gaps() {
        return gaps.clone();
    }

    /** Whether line {@code i} is known equal to a line of the previous version (never, for {@link #of}). */
    boolean shared(int i) {
        return novel != null && Arrays.binarySearch(novel, i) < 0;
    }

    /**
     * Ascending, the lines not known equal to a line of the previous version: typically a few, so a caller that
     * needs only the changes looks at those rather than at every line. Null for {@link #of} (every line).
     */
    int[] novel() {
        return novel;
    }

    /**
     * The first index below {@code n} whose value is above {@code v}; {@code a[0..n]} is ascending and {@code a[n]}
     * above any v.
     */
    private static int firstAbove(int[] a, int n, int v) {
        return firstAbove(a, 0, n, v);
    }

    /** The first index in {@code [lo, hi)} whose value is above {@code v}, else {@code hi}; {@code a} ascending. */
    private static int firstAbove(int[] a, int lo, int hi, int v) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** How many trailing bytes {@code a} and {@code b} share, at most {@code max}; compares in growing chunks. */
    static int commonSuffix(byte[] a, byte[] b, int max) {
        int done = 0;
        int chunk = 64;
        while (done < max) {
            int len = Math.min(chunk, max - done);
            int aFrom = a.length - done - len;
            int bFrom = b.length - done - len;
            if (Arrays.mismatch(a, aFrom, aFrom + len, b, bFrom, bFrom + len) >= 0) {
                int i = len - 1;
                while (a[aFrom + i] == b[bFrom + i]) {
                    i--;
                }
                return done + len - 1 - i;
            }
            done += len;
            chunk = Math.min(chunk * 2, 1 << 16);
        }
        return max;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L;

    /** Where each line of {@code text} starts, plus one past the end ({@code text.length + 1}). */
    static int[] lineStarts(byte[] text) {
        Ints s = new Ints(64);
        s.add(0);
        for (int e = indexOfNewline(text, 0, text.length); e >= 0; e = indexOfNewline(text, e + 1, text.length)) {
            s.add(e + 1);
        }
        s.add(text.length + 1);
        return s.toArray();
    }

    /** A growable int array. */
    private static final class Ints {
        private int[] a;
        private int n;

        Ints(int capacity) {
            a = new int[capacity];
        }

        /** Fills {@code buffer} first (any content is overwritten), a larger copy when it is full. */
        Ints(int[] buffer) {
            a = buffer;
        }

        /** The array filled so far, with its spare room: the first {@link #n} values are the content. */
        int[] array() {
            return a;
        }

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        /** Adds {@code count} values of {@code src} from {@code from}, each plus {@code shift}. */
        void addShifted(int[] src, int from, int count, int shift) {
            if (n + count > a.length) {
                a = Arrays.copyOf(a, Math.max(n + count, 2 * a.length));
            }
            for (int k = 0; k < count; k++) {
                a[n + k] = src[from + k] + shift;
            }
            n += count;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A 64-bit hash of text[from, to), eight bytes at a time. */
    static long hash(byte[] text, int from, int to) {
        // the length multiplied out across the word, not xor-ed into the bytes the tail fills ("b" and "a\0")
        long h = K ^ (to - from) * 0xC2B2AE3D27D4EB4FL;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(text, i)) * K, 29);
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (text[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * K;
        h ^= h >>> 29;
        return h ^ (h >>> 32);
    }
}

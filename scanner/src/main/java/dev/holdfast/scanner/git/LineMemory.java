package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.LineReach;

/**
 * Remembers the lines already scanned in earlier versions of one path, so that a history scan shows a line-oriented
 * detector only what each version changed (plus context), and maps its line numbers back. One instance per path,
 * fed that path's versions oldest first, and dropped when the path is done: nothing outlives the path.
 *
 * <p>Bounded by the file, not by its history: it keeps the last version (text and {@link LineIndex}) and the hashes
 * of lines seen in earlier versions in two generations, each holding at most {@code max(floor, lines of the last
 * version)} hashes. When the young generation is full the old one is dropped. A line forgotten that way is
 * shown again as new if it ever comes back; the detector then finds again what an older version already gave, and
 * the scan keeps the older finding, so forgetting costs time and never changes the result.
 */
final class LineMemory {
    /** How many seen lines a generation holds at least, whatever the size of the file. */
    static final int DEFAULT_FLOOR = 4096;

    private final int floor;
    /** What the detector reads beyond a line: the context kept around a new line, and the key blocks not to cut. */
    private final int context;
    private final byte[][] markers;
    /** The bytes a marker starts with: most lines are ruled out by their first byte. */
    private final boolean[] markerStart = new boolean[256];
    private final int bodyRun;
    /**
     * The version seen last: the next version is indexed from it (see {@link LineIndex#after}), and the lines the
     * two share (most of them) are known seen without a set lookup; set lookups are cache misses that dominated the
     * cost of a history scan.
     */
    private LineIndex last;
    /** The arrays of the index before the last, filled again by the next version's index. */
    private final LineIndex.Buffers buffers = new LineIndex.Buffers();
    private LongSet young = new LongSet();
    private LongSet old = new LongSet();

    LineMemory(LineReach reach) {
        this(DEFAULT_FLOOR, reach);
    }

    /**
     * @param floor how many seen lines a generation holds at least (at least 1)
     * @param reach what the detector reads beyond a line ({@link dev.holdfast.rules.detect.Detector#lineReach})
     */
    LineMemory(int floor, LineReach reach) {
        this.floor = Math.max(1, floor);
        this.context = reach.context();
        this.markers = reach.blockMarkers().stream().map(m -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        for (byte[] m : markers) {
            markerStart[m[0] & 0xff] = true;
        }
        this.bodyRun = reach.bodyRun();
    }

    /**
     * The bytes this memory holds on to between versions: the last version's text and index, the arrays the next
     * index fills, and the seen-line sets. Bounded by the size of the largest version of the path, never by the
     * number of versions.
     */
    long retainedBytes() {
        long bytes = young.bytes() + old.bytes() + buffers.retainedBytes();
        if (last != null) {
            bytes += last.retainedBytes();
        }
        return bytes;
    }

    /**
     * What to show the detector of one version.
     *
     * @param text    the lines to scan
     * @param lineMap for each line of {@code text}, its 1-based line number in the version; null when {@code text}
     *                is the whole version
     * @param changed the 0-based lines of {@code text} that are new (the others are context); null when all are
     */
    record Shown(byte[] text, int[] lineMap, java.util.BitSet changed) {
        /** The version's line number of line {@code line} (1-based) of {@link #text}. */
        int originalLine(int line) {
            if (lineMap == null || line < 1) {
                return line;
            }
            return lineMap[Math.min(line, lineMap.length) - 1];
        }
    }

    /**
     * The part of this version of {@code path} to scan: the whole version when every line is new, else the lines that
     * changed since the last version (new, edited, moved, or next to dropped lines) plus the detector's context lines around
     * them, runs separated by an empty line, with a map back to the version's line numbers and, as
     * {@link Shown#changed()}, the lines not seen in any earlier version of the path; null when nothing changed.
     * Rules that read one line need only those; rules that read across lines see every changed neighbourhood.
     * Remembers the lines.
     */
    Shown unseen(byte[] text) {
        if (last == null) {
            // the first version: every line is new
            last = LineIndex.of(text);
            remember(last, null);
            return new Shown(text, null, null);
        }
        LineIndex index = last.after(text, buffers);
        buffers.recycle(last, index);
        last = index;
        int n = index.lines();
        // Every line of the last version was read in it or before it, so the lines it shares with this one are
        // seen: only the others (few, typically) are looked at, and nothing here walks every line.
        int[] novel = index.novel();
        int[] fresh = new int[novel.length];
        int freshCount = 0;
        for (int i : novel) {
            if (!seen(index.hash(i))) {
                fresh[freshCount++] = i;
            }
        }
        fresh = java.util.Arrays.copyOf(fresh, freshCount);
        remember(index, fresh);
        int[] anchors = anchors(novel, index.gaps(), n);
        if (anchors.length == 0) {
            return null;
        }
        if (freshCount == n) {
            return new Shown(text, null, null);
        }
        java.util.BitSet changed = new java.util.BitSet();
        if (touchesEncodedBlock(index, anchors)) {
            for (int i : fresh) {
                changed.set(i);
            }
            return new Shown(text, null, changed);
        }
        // A new line gets the detector's context around it (a key id paired with a secret nearby); a line that only moved, or
        // whose neighbour was dropped, gets its two neighbours: what a rule joining a line to the one before reads.
        int[] runs = runs(anchors, fresh, n); // [from, to] pairs of kept lines, ascending and apart
        int size = 0;
        int lines = 0;
        for (int r = 0; r < runs.length; r += 2) {
            size += index.end(runs[r + 1]) - index.start(runs[r]) + 1 + (r > 0 ? 1 : 0);
            lines += runs[r + 1] - runs[r] + 1 + (r > 0 ? 1 : 0);
        }
        byte[] out = new byte[size];
        int[] map = new int[lines];
        size = 0;
        lines = 0;
        int f = 0;
        for (int r = 0; r < runs.length; r += 2) {
            int from = runs[r];
            int to = runs[r + 1];
            if (r > 0) {
                out[size++] = '\n'; // an empty line between runs, so that runs never join
                map[lines++] = from + 1;
            }
            // the run's lines are contiguous in the version; each gets a newline (the last line may have none)
            int s0 = index.start(from);
            int e0 = index.end(to);
            System.arraycopy(text, s0, out, size, e0 - s0);
            size += e0 - s0;
            out[size++] = '\n';
            while (f < fresh.length && fresh[f] < from) {
                f++;
            }
            for (; f < fresh.length && fresh[f] <= to; f++) {
                changed.set(lines + fresh[f] - from);
            }
            for (int i = from; i <= to; i++) {
                map[lines++] = i + 1;
            }
        }
        return new Shown(out, map, changed);
    }

    /** The lines whose neighbourhood changed: the novel lines and the two lines around each gap, ascending. */
    private static int[] anchors(int[] novel, int[] gaps, int n) {
        int[] all = java.util.Arrays.copyOf(novel, novel.length + 2 * gaps.length);
        for (int g = 0; g < gaps.length; g++) {
            all[novel.length + 2 * g] = gaps[g] - 1;
            all[novel.length + 2 * g + 1] = gaps[g];
        }
        if (gaps.length > 0) {
            java.util.Arrays.sort(all);
        }
        int count = 0;
        for (int line : all) {
            if (line >= 0 && line < n && (count == 0 || all[count - 1] != line)) {
                all[count++] = line;
            }
        }
        return java.util.Arrays.copyOf(all, count);
    }

    /**
     * The runs of lines to show, as {@code [from, to]} pairs: the detector's context around each fresh anchor, one
     * line around the others; overlapping or touching runs are one.
     */
    private int[] runs(int[] anchors, int[] fresh, int n) {
        int[] out = new int[2 * anchors.length];
        int count = 0;
        int f = 0;
        for (int a : anchors) {
            while (f < fresh.length && fresh[f] < a) {
                f++;
            }
            int radius = f < fresh.length && fresh[f] == a ? context : 1;
            int from = Math.max(0, a - radius);
            int to = Math.min(n - 1, a + radius);
            // a wide run may reach back over narrower runs before it
            while (count > 0 && from <= out[count - 1] + 1) {
                from = Math.min(from, out[count - 2]);
                to = Math.max(to, out[count - 1]);
                count -= 2;
            }
            out[count++] = from;
            out[count++] = to;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * Whether a changed line or its context is part of an encoded block (a PEM or PuTTY key body, or its BEGIN or END
     * line). Such a block is read from its opening line to its end, which the context may cut: the version is then
     * shown whole, so that a key is read entire or not at all.
     *
     * @param changed the changed lines, ascending
     */
    boolean touchesEncodedBlock(LineIndex index, int[] changed) {
        byte[] text = index.text();
        int n = index.lines();
        int checkedTo = 0; // lines below this one were looked at already
        for (int i : changed) {
            for (int j = Math.max(checkedTo, i - context - 1); j <= i + context + 1 && j < n; j++) {
                int from = index.start(j);
                int to = index.end(j);
                if (encodedLength(text, from, to) >= bodyRun || hasMarker(text, from, to)) {
                    return true;
                }
                checkedTo = j + 1;
            }
        }
        return false;
    }

    /**
     * Whether the line opens or closes a key block. Only at its start (after indentation, quotes, '+'): a marker in
     * the middle of a line of code is followed or preceded by body lines, which are caught as encoded.
     */
    private boolean hasMarker(byte[] text, int from, int to) {
        while (from < to && isWrapping(text[from])) {
            from++;
        }
        if (from == to || !markerStart[text[from] & 0xff]) {
            return false;
        }
        for (byte[] m : markers) {
            if (startsWith(text, from, to, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] text, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (text[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the base64 run a line holds once the wrapping a key body gets in code or config is taken off
     * (indentation, quotes, a trailing comma, '+' or ';', "\n" escapes); -1 when anything else is left, such as a
     * space between words, or when the run does not look random.
     */
    static int encodedLength(byte[] text, int from, int to) {
        while (from < to && isWrapping(text[from])) {
            from++;
        }
        while (to > from && (isWrapping(text[to - 1]) || text[to - 1] == ',' || text[to - 1] == ';')) {
            to--;
        }
        int length = 0;
        int classes = 0; // bits: upper case, lower case, digit or symbol
        for (int i = from; i < to; i++) {
            int c = text[i];
            if (c == '\\' && i + 1 < to && text[i + 1] == 'n') {
                i++;
            } else if (c >= 'A' && c <= 'Z') {
                classes |= 1;
                length++;
            } else if (c >= 'a' && c <= 'z') {
                classes |= 2;
                length++;
            } else if (c >= '0' && c <= '9' || c == '/' || c == '=' || c == '+') {
                classes |= 4;
                length++;
            } else {
                return -1;
            }
        }
        // an identifier or a quoted word is not key material: that mixes all three, unless the line is long
        return classes == 7 || length >= 40 ? length : -1;
    }

    private static boolean isWrapping(byte c) {
        return WRAPPING[c & 0xff];
    }

    /** What wraps a key body's line in code or config: a table, as this is asked for every byte of indentation. */
    private static final boolean[] WRAPPING = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', '\r', '"', '\'', '+'}) {
            WRAPPING[c] = true;
        }
    }

    private boolean seen(long hash) {
        return young.contains(hash) || old.contains(hash);
    }

    /**
     * Adds the fresh lines' hashes to the young generation (the others are known already); past its capacity the
     * young generation becomes the old one and the old one is forgotten.
     *
     * @param fresh the fresh lines, ascending; null for every line
     */
    private void remember(LineIndex index, int[] fresh) {
        int capacity = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(floor, (long) index.lines()));
        int count = fresh == null ? index.lines() : fresh.length;
        for (int k = 0; k < count; k++) {
            if (young.size() >= capacity) {
                old = young;
                young = new LongSet();
            }
            young.add(index.hash(fresh == null ? k : fresh[k]));
        }
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

        long bytes() {
            return 8L * table.length;
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

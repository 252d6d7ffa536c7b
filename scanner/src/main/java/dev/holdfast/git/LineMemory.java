package dev.holdfast.git;

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
    /** Lines around a new line that stay visible: a rule's pairing window (a key id near its secret). */
    static final int CONTEXT = 6;

    /** How many seen lines a generation holds at least, whatever the size of the file. */
    static final int DEFAULT_FLOOR = 4096;

    private final int floor;
    /**
     * The version seen last: the next version is indexed from it (see {@link LineIndex#after}), and the lines the
     * two share (most of them) are known seen without a set lookup; set lookups are cache misses that dominated the
     * cost of a history scan.
     */
    private LineIndex last;
    private LongSet young = new LongSet();
    private LongSet old = new LongSet();

    LineMemory() {
        this(DEFAULT_FLOOR);
    }

    /** @param floor how many seen lines a generation holds at least (at least 1) */
    LineMemory(int floor) {
        this.floor = Math.max(1, floor);
    }

    /**
     * The bytes this memory holds on to between versions: the last version's text and index, and the seen-line
     * sets. Bounded by the size of the largest version of the path, never by the number of versions.
     */
    long retainedBytes() {
        long bytes = young.bytes() + old.bytes();
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
     * changed since the last version (new, edited, moved, or next to dropped lines) plus {@link #CONTEXT} lines around
     * them, runs separated by an empty line, with a map back to the version's line numbers and, as
     * {@link Shown#changed()}, the lines not seen in any earlier version of the path; null when nothing changed.
     * Rules that read one line need only those; rules that read across lines see every changed neighbourhood.
     * Remembers the lines.
     */
    Shown unseen(byte[] text) {
        LineIndex index = last == null ? LineIndex.of(text) : last.after(text);
        int n = index.lines();
        // every line of the last version was read in it or before it, so the lines it shares with this one are seen
        boolean known = last != null;
        boolean[] fresh = new boolean[n];
        boolean[] anchor = new boolean[n];
        int freshCount = 0;
        boolean anyAnchor = false;
        for (int i = 0; i < n; i++) {
            boolean shared = index.shared(i);
            fresh[i] = !(known && shared) && !seen(index.hash(i));
            anchor[i] = !shared || fresh[i];
            anyAnchor |= anchor[i];
            if (fresh[i]) {
                freshCount++;
            }
        }
        for (int gap : index.gaps()) {
            for (int i = Math.max(0, gap - 1); i <= gap && i < n; i++) {
                anchor[i] = true;
                anyAnchor = true;
            }
        }
        last = index;
        remember(index, fresh);
        if (!anyAnchor) {
            return null;
        }
        java.util.BitSet changed = new java.util.BitSet();
        if (freshCount == n) {
            return new Shown(text, null, null);
        }
        if (touchesEncodedBlock(index, anchor)) {
            for (int i = 0; i < n; i++) {
                if (fresh[i]) {
                    changed.set(i);
                }
            }
            return new Shown(text, null, changed);
        }
        // A new line gets CONTEXT lines around it (a key id paired with a secret nearby); a line that only moved, or
        // whose neighbour was dropped, gets its two neighbours: what a rule joining a line to the one before reads.
        boolean[] keep = new boolean[n];
        int size = 0;
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (!anchor[i]) {
                continue;
            }
            int radius = fresh[i] ? CONTEXT : 1;
            for (int j = Math.max(0, i - radius); j <= i + radius && j < n; j++) {
                if (!keep[j]) {
                    keep[j] = true;
                    size += index.end(j) - index.start(j) + 1;
                    lines++;
                }
            }
        }
        // sized exactly: a version is often large and mostly unchanged, and zeroing its size again costs
        byte[] out = new byte[size + lines];
        size = 0;
        int[] map = new int[2 * lines];
        lines = 0;
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
            int s = index.start(i);
            int e = index.end(i);
            System.arraycopy(text, s, out, size, e - s);
            size += e - s;
            out[size++] = '\n';
            if (fresh[i]) {
                changed.set(lines);
            }
            map[lines++] = i + 1;
        }
        return new Shown(java.util.Arrays.copyOf(out, size), java.util.Arrays.copyOf(map, lines), changed);
    }

    /**
     * Whether a changed line or its context is part of an encoded block (a PEM or PuTTY key body, or its BEGIN or END
     * line). Such a block is read from its opening line to its end, which the context may cut: the version is then
     * shown whole, so that a key is read entire or not at all.
     */
    static boolean touchesEncodedBlock(LineIndex index, boolean[] changed) {
        byte[] text = index.text();
        int n = changed.length;
        int checkedTo = 0; // lines below this one were looked at already
        for (int i = 0; i < n; i++) {
            if (!changed[i]) {
                continue;
            }
            for (int j = Math.max(checkedTo, i - CONTEXT - 1); j <= i + CONTEXT + 1 && j < n; j++) {
                int from = index.start(j);
                int to = index.end(j);
                if (encodedLength(text, from, to) >= 16 || hasMarker(text, from, to)) {
                    return true;
                }
                checkedTo = j + 1;
            }
        }
        return false;
    }

    /** The lines that open or close a key block: PEM, SSH2 (RFC 4716) and PuTTY. */
    private static final byte[][] MARKERS = java.util.stream.Stream.of("-----BEGIN ", "-----END ", "---- BEGIN SSH2",
            "---- END SSH2", "PuTTY-User-Key-File-").map(m -> m.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    /**
     * Whether the line opens or closes a key block. Only at its start (after indentation, quotes, '+'): a marker in
     * the middle of a line of code is followed or preceded by body lines, which are caught as encoded.
     */
    private static boolean hasMarker(byte[] text, int from, int to) {
        while (from < to && isWrapping(text[from])) {
            from++;
        }
        if (from == to || text[from] != '-' && text[from] != 'P') {
            return false;
        }
        for (byte[] m : MARKERS) {
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
        return c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\'' || c == '+';
    }

    private boolean seen(long hash) {
        return young.contains(hash) || old.contains(hash);
    }

    /**
     * Adds the fresh lines' hashes to the young generation (the others are known already); past its capacity the
     * young generation becomes the old one and the old one is forgotten.
     */
    private void remember(LineIndex index, boolean[] fresh) {
        int capacity = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(floor, (long) index.lines()));
        for (int i = 0; i < fresh.length; i++) {
            if (!fresh[i]) {
                continue;
            }
            if (young.size() >= capacity) {
                old = young;
                young = new LongSet();
            }
            young.add(index.hash(i));
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

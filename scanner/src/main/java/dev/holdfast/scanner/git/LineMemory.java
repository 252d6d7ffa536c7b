package dev.holdfast.scanner.git;

import dev.holdfast.rules.detect.LineReach;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per path, the lines already scanned in earlier versions of that path, so that a history scan shows a
 * line-oriented detector only what each version changed (plus context), and maps its line numbers back. Owned by one
 * worker thread. Bounded: past {@code maxLines} remembered lines it stops remembering, and past
 * {@link #MAX_KEPT_BYTES} of last versions it forgets the least recently changed; either only costs time.
 */
final class LineMemory {

    /**
     * Per worker, how many bytes of last versions (with their line indexes) to keep: enough for every file of a
     * large repository at once; past it the least recently changed files are forgotten, which only costs time.
     */
    static final long MAX_KEPT_BYTES = 64L * 1024 * 1024;

    private final Map<String, LongSet> byPath = new HashMap<>();
    /**
     * Per path, the version seen last, most recently used last: the next version is indexed from it (see
     * {@link LineIndex#after}), and when all of its lines were remembered the lines the two share (most of them) are
     * known seen without a set lookup; set lookups are cache misses that dominated the cost of a history scan.
     */
    private final LinkedHashMap<String, Last> lastVersion = new LinkedHashMap<>(64, 0.75f, true);
    private final long maxLines;
    private final long maxKeptBytes;
    /** What the detector reads beyond a line: the context kept around a new line, and the key blocks not to cut. */
    private final int context;
    private final byte[][] markers;
    /** The bytes a marker starts with: most lines are ruled out by their first byte. */
    private final boolean[] markerStart = new boolean[256];
    private final int bodyRun;
    private long remembered;
    private long keptBytes;

    private record Last(LineIndex index, boolean allRemembered) {
        long bytes() {
            return index.text().length + 13L * index.lines(); // text, starts, hashes, shared flags
        }
    }

    LineMemory(long maxLines, LineReach reach) {
        this(maxLines, MAX_KEPT_BYTES, reach);
    }

    LineMemory(long maxLines, long maxKeptBytes, LineReach reach) {
        this.maxLines = maxLines;
        this.maxKeptBytes = maxKeptBytes;
        this.context = reach.context();
        this.markers = reach.blockMarkers().stream().map(m -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.bodyRun = reach.bodyRun();
        for (byte[] m : markers) {
            markerStart[m[0] & 0xff] = true;
        }
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
    Shown unseen(String path, byte[] text) {
        Last last = lastVersion.get(path);
        LineIndex index = last == null ? LineIndex.of(text) : last.index().after(text);
        int n = index.lines();
        // lines equal to a line of the last version are seen when all of its lines were remembered
        boolean known = last != null && last.allRemembered();
        LongSet seen = byPath.get(path);
        boolean[] fresh = new boolean[n];
        boolean[] anchor = new boolean[n];
        int freshCount = 0;
        boolean anyAnchor = false;
        for (int i = 0; i < n; i++) {
            boolean shared = index.shared(i);
            fresh[i] = !(known && shared) && (seen == null || !seen.contains(index.hash(i)));
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
        keep(path, new Last(index, remember(path, seen, index.hashes(), fresh)));
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
        // A new line gets the detector's context around it (a key id paired with a secret nearby); a line that only moved, or
        // whose neighbour was dropped, gets its two neighbours: what a rule joining a line to the one before reads.
        boolean[] keep = new boolean[n];
        int size = 0;
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (!anchor[i]) {
                continue;
            }
            int radius = fresh[i] ? context : 1;
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
    boolean touchesEncodedBlock(LineIndex index, boolean[] changed) {
        byte[] text = index.text();
        int n = changed.length;
        int checkedTo = 0; // lines below this one were looked at already
        for (int i = 0; i < n; i++) {
            if (!changed[i]) {
                continue;
            }
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
        return c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\'' || c == '+';
    }

    /** Adds the fresh lines' hashes (the others are in the set already); false when the memory is full. */
    private boolean remember(String path, LongSet seen, long[] hash, boolean[] fresh) {
        if (remembered >= maxLines) {
            return false;
        }
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
        return true;
    }

    /** Keeps {@code last} as the path's last version, forgetting the least recently used others past the budget. */
    private void keep(String path, Last last) {
        Last old = lastVersion.put(path, last);
        keptBytes += last.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<String, Last>> it = lastVersion.entrySet().iterator();
        while (keptBytes > maxKeptBytes && lastVersion.size() > 1) {
            keptBytes -= it.next().getValue().bytes();
            it.remove();
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

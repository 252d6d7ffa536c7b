package dev.holdfast.rules.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All rules' keywords in one Aho-Corasick automaton (ASCII, case-insensitive): one pass over a document finds every
 * keyword occurrence, so the cost of the prefilter does not grow with the number of rules. Immutable after
 * construction and safe to share across threads.
 */
public final class KeywordIndex {
    private static final int ALPHABET = 128;
    private static final char[] LOWER = new char[ALPHABET];

    static {
        for (char c = 0; c < ALPHABET; c++) {
            LOWER[c] = Character.toLowerCase(c);
        }
    }

    /** Set in a transition whose target state ends a keyword, so the scan loop reads outputs only then. */
    private static final int HAS_OUTPUT = 1 << 31;

    /**
     * The transitions, flat: entry {@code (s << shift) + classOf[c]} is the next state shifted likewise, with
     * {@link #HAS_OUTPUT} set when that state ends a keyword, so the scan loop reads outputs only then.
     */
    private final int[] next;
    /**
     * Per ASCII character, its class: the characters of the keywords (case folded) have one each, all others share
     * class 0, which leads back to the root. Rows are as wide as the classes (64 for the built-in catalogue), not the
     * alphabet: half the table to build and to keep in cache.
     */
    private final int[] classOf = new int[ALPHABET];
    /** log2 of the row width: a state's row starts at {@code state << shift}. */
    private final int shift;
    private final Map<String, Integer> ids;
    /** For each state, the ids of the keywords that end there (including via suffix links); null when none. */
    private final int[][] outputs;
    private final String[] keywords;
    /**
     * Per byte: from the root it leads back to the root and ends no keyword (a byte of no keyword, or one that starts
     * none). Most bytes of most text are such bytes: the scan passes over them with one look-up each.
     */
    private final boolean[] rootStays = new boolean[256];

    /**
     * @param words lower-case ASCII keywords (others are left out)
     *
     * <p>Built on flat arrays: a hook builds this index on every run, mostly in the interpreter, so the construction
     * avoids collections in its inner loops.
     */
    public KeywordIndex(List<String> words) {
        Map<String, Integer> ids = new TreeMap<>();
        for (String w : words) {
            if (!w.isEmpty() && w.chars().allMatch(c -> c < ALPHABET)) {
                ids.putIfAbsent(w, ids.size());
            }
        }
        keywords = new String[ids.size()];
        ids.forEach((w, i) -> keywords[i] = w);
        // Characters in no keyword share class 0, whose transition is always back to the root.
        int[] classId = new int[ALPHABET];
        int classes = 1;
        int capacity = 1;
        for (String w : keywords) {
            capacity += w.length();
            for (int i = 0; i < w.length(); i++) {
                if (classId[w.charAt(i)] == 0) {
                    classId[w.charAt(i)] = classes++;
                }
            }
        }
        for (char c = 0; c < ALPHABET; c++) {
            classOf[c] = classId[LOWER[c]];
        }
        shift = 32 - Integer.numberOfLeadingZeros(classes - 1);
        // the trie, one row of (1 << shift) transitions per state
        int[] go = new int[capacity << shift];
        int[][] ends = new int[capacity][];
        int states = 1;
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int state = 0;
            String w = e.getKey();
            for (int i = 0; i < w.length(); i++) {
                int at = (state << shift) + classId[w.charAt(i)];
                if (go[at] == 0) {
                    go[at] = states++;
                }
                state = go[at];
            }
            ends[state] = append(ends[state], e.getValue());
        }
        // Aho-Corasick: breadth first, each missing transition is the failure state's
        int[] fail = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int k = 1; k < classes; k++) {
            if (go[k] != 0) {
                queue[tail++] = go[k];
            }
        }
        while (head < tail) {
            int s = queue[head++];
            int[] inherited = ends[fail[s]];
            if (inherited != null) {
                for (int k : inherited) {
                    ends[s] = append(ends[s], k);
                }
            }
            int row = s << shift;
            int failRow = fail[s] << shift;
            for (int k = 1; k < classes; k++) {
                int t = go[row + k];
                if (t != 0) {
                    fail[t] = go[failRow + k];
                    queue[tail++] = t;
                } else {
                    go[row + k] = go[failRow + k];
                }
            }
        }
        outputs = Arrays.copyOf(ends, states);
        next = new int[states << shift];
        for (int i = 0; i < next.length; i++) {
            int target = go[i];
            next[i] = target << shift | (outputs[target] == null ? 0 : HAS_OUTPUT);
        }
        for (int b = 0; b < 256; b++) {
            rootStays[b] = b >= ALPHABET || next[classOf[b]] == 0;
        }
        this.ids = Map.copyOf(ids);
    }

    /** {@code ids} with {@code id} added once (they are few: a keyword and the keywords that end it). */
    private static int[] append(int[] ids, int id) {
        if (ids == null) {
            return new int[] {id};
        }
        for (int k : ids) {
            if (k == id) {
                return ids;
            }
        }
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }

    public int size() {
        return keywords.length;
    }

    /** The keyword with this id. */
    public String keyword(int id) {
        return keywords[id];
    }

    public int id(String keyword) {
        Integer i = ids.get(keyword);
        if (i == null) {
            throw new IllegalArgumentException("not indexed: " + keyword);
        }
        return i;
    }

    /** Calls back with (keyword id, index of the keyword's last character) for every occurrence in the text. */
    public void scan(CharSequence text, Hit hit) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = c < ALPHABET ? next[state + classOf[c]] : 0;
            if (state < 0) {
                state &= ~HAS_OUTPUT;
                for (int k : outputs[state >>> shift]) {
                    hit.at(k, i);
                }
            }
        }
    }

    /**
     * As {@link #scan(CharSequence, Hit)} on UTF-8 bytes, with byte indexes: every byte of a multi-byte character is
     * non-ASCII and resets the automaton, as the character does, so the same keywords are found.
     */
    public void scan(byte[] utf8, Hit hit) {
        scan(utf8, 0, utf8.length, hit);
    }

    /** As {@link #scan(byte[], Hit)} on {@code utf8[from, to)}, starting afresh at {@code from}. */
    public void scan(byte[] utf8, int from, int to, Hit hit) {
        int state = 0;
        for (int i = from; i < to; i++) {
            int c = utf8[i];
            if (state == 0) {
                while (rootStays[c & 0xff]) {
                    if (++i == to) {
                        return;
                    }
                    c = utf8[i];
                }
            }
            state = c >= 0 ? next[state + classOf[c]] : 0;
            if (state < 0) {
                state &= ~HAS_OUTPUT;
                for (int k : outputs[state >>> shift]) {
                    hit.at(k, i);
                }
            }
        }
    }

    public interface Hit {
        void at(int keyword, int endIndex);
    }
}

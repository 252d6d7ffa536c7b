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

    /**
     * The transitions, flat: entry {@code s * ALPHABET + c} is the next state times ALPHABET, so the scan loop is a
     * single array load per character.
     */
    private final int[] next;
    /** For each state, the ids of the keywords that end there (including via suffix links); null when none. */
    private final int[][] outputs;
    private final String[] keywords;

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
        int capacity = 1;
        for (String w : keywords) {
            capacity += w.length();
        }
        int[] trie = new int[capacity * ALPHABET];
        int[][] ends = new int[capacity][];
        int states = 1;
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int state = 0;
            String w = e.getKey();
            for (int i = 0; i < w.length(); i++) {
                int at = state * ALPHABET + w.charAt(i);
                if (trie[at] == 0) {
                    trie[at] = states++;
                }
                state = trie[at];
            }
            ends[state] = append(ends[state], e.getValue());
        }
        int[] fail = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < ALPHABET; c++) {
            if (trie[c] != 0) {
                queue[tail++] = trie[c];
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
            int row = s * ALPHABET;
            int failRow = fail[s] * ALPHABET;
            for (int c = 0; c < ALPHABET; c++) {
                int t = trie[row + c];
                if (t != 0) {
                    fail[t] = trie[failRow + c];
                    queue[tail++] = t;
                } else {
                    trie[row + c] = trie[failRow + c];
                }
            }
        }
        next = new int[states * ALPHABET];
        for (int st = 0; st < states; st++) {
            int row = st * ALPHABET;
            for (int c = 0; c < ALPHABET; c++) {
                next[row + c] = trie[row + LOWER[c]] * ALPHABET;
            }
        }
        outputs = new int[states][];
        for (int i = 0; i < states; i++) {
            outputs[i] = ends[i];
        }
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
        int i = Arrays.asList(keywords).indexOf(keyword);
        if (i < 0) {
            throw new IllegalArgumentException("not indexed: " + keyword);
        }
        return i;
    }

    /** Calls back with (keyword id, index of the keyword's last character) for every occurrence in the text. */
    public void scan(CharSequence text, Hit hit) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = c < ALPHABET ? next[state + c] : 0;
            int[] out = outputs[state >>> 7]; // state / ALPHABET
            if (out != null) {
                for (int k : out) {
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
            state = c >= 0 ? next[state + c] : 0;
            int[] out = outputs[state >>> 7]; // state / ALPHABET
            if (out != null) {
                for (int k : out) {
                    hit.at(k, i);
                }
            }
        }
    }

    public interface Hit {
        void at(int keyword, int endIndex);
    }
}

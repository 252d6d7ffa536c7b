package dev.holdfast.rules.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
     * The transitions, flat: entry {@code s * ALPHABET + c} is the next state times ALPHABET, with {@link #HAS_OUTPUT}
     * set when that state ends a keyword, so the scan loop is a single array load per character.
     */
    private final int[] next;
    private final Map<String, Integer> ids;
    /** For each state, the ids of the keywords that end there (including via suffix links); null when none. */
    private final int[][] outputs;
    private final String[] keywords;

    /** @param words lower-case ASCII keywords (others are left out) */
    public KeywordIndex(List<String> words) {
        Map<String, Integer> ids = new TreeMap<>();
        for (String w : words) {
            if (!w.isEmpty() && w.chars().allMatch(c -> c < ALPHABET)) {
                ids.putIfAbsent(w, ids.size());
            }
        }
        keywords = new String[ids.size()];
        ids.forEach((w, i) -> keywords[i] = w);
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new int[ALPHABET]);
        out.add(new ArrayList<>());
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int state = 0;
            for (char c : e.getKey().toCharArray()) {
                if (trie.get(state)[c] == 0) {
                    trie.add(new int[ALPHABET]);
                    out.add(new ArrayList<>());
                    trie.get(state)[c] = trie.size() - 1;
                }
                state = trie.get(state)[c];
            }
            out.get(state).add(e.getValue());
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            if (trie.get(0)[c] != 0) {
                queue.add(trie.get(0)[c]);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < ALPHABET; c++) {
                int t = trie.get(s)[c];
                if (t != 0) {
                    fail[t] = trie.get(fail[s])[c];
                    queue.add(t);
                } else {
                    trie.get(s)[c] = trie.get(fail[s])[c];
                }
            }
        }
        outputs = new int[out.size()][];
        for (int i = 0; i < outputs.length; i++) {
            int[] found = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
            outputs[i] = found.length == 0 ? null : found;
        }
        next = new int[trie.size() * ALPHABET];
        for (int st = 0; st < trie.size(); st++) {
            int[] row = trie.get(st);
            for (int c = 0; c < ALPHABET; c++) {
                int target = row[LOWER[c]];
                next[st * ALPHABET + c] = target * ALPHABET | (outputs[target] == null ? 0 : HAS_OUTPUT);
            }
        }
        this.ids = Map.copyOf(ids);
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
            state = c < ALPHABET ? next[state + c] : 0;
            if (state < 0) {
                state &= ~HAS_OUTPUT;
                for (int k : outputs[state >>> 7]) { // state / ALPHABET
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
            if (state < 0) {
                state &= ~HAS_OUTPUT;
                for (int k : outputs[state >>> 7]) { // state / ALPHABET
                    hit.at(k, i);
                }
            }
        }
    }

    public interface Hit {
        void at(int keyword, int endIndex);
    }
}

package dev.holdfast.rules.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All rules' keywords in one Aho-Corasick automaton (ASCII, case-insensitive): one pass over a document finds every
 * keyword occurrence, so the cost of the prefilter does not grow with the number of rules. Immutable after
 * construction and safe to share across threads.
 */
final class KeywordIndex {
    private static final int ALPHABET = 128;

    private final int[][] next;
    /** For each state, the ids of the keywords that end there (including via suffix links). */
    private final int[][] outputs;
    private final String[] keywords;

    KeywordIndex(List<String> words) {
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
        next = trie.toArray(new int[0][]);
        outputs = new int[out.size()][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
    }

    int size() {
        return keywords.length;
    }

    int id(String keyword) {
        int i = Arrays.asList(keywords).indexOf(keyword);
        if (i < 0) {
            throw new IllegalArgumentException("not indexed: " + keyword);
        }
        return i;
    }

    /** Calls back with (keyword id, index of the keyword's last character) for every occurrence in the text. */
    void scan(CharSequence text, Hit hit) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            state = c < ALPHABET ? next[state][c] : 0;
            for (int k : outputs[state]) {
                hit.at(k, i);
            }
        }
    }

    interface Hit {
        void at(int keyword, int endIndex);
    }
}

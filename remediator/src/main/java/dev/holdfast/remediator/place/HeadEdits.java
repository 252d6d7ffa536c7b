package dev.holdfast.remediator.place;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Edits planned on HEAD's lines — replace, delete, insert before or after — rendered back into a file in which every
 * other line keeps its bytes and line ending. A replaced line keeps its own ending; an inserted one takes its
 * neighbour's. Two edits of one line are refused: the placement was ambiguous.
 */
final class HeadEdits {
    private static final String DELETED = "\u0000deleted";

    private final TextLines head;
    private final Map<Integer, String> replaced = new HashMap<>();
    private final Map<Integer, List<String>> before = new HashMap<>();
    private final Map<Integer, List<String>> after = new HashMap<>();

    HeadEdits(TextLines head) {
        this.head = head;
    }

    void replace(int line, String text) {
        claim(line, text);
    }

    void delete(int line) {
        claim(line, DELETED);
    }

    /** After {@code line}; 0 puts it before the first line. */
    void insertAfter(int line, String text) {
        if (line == 0) {
            insertBefore(1, text);
            return;
        }
        after.computeIfAbsent(line, k -> new ArrayList<>()).add(text);
    }

    void insertBefore(int line, String text) {
        before.computeIfAbsent(line, k -> new ArrayList<>()).add(text);
    }

    private void claim(int line, String text) {
        String old = replaced.putIfAbsent(line, text);
        if (old != null && !old.equals(text)) {
            throw new IllegalStateException("line " + line + " edited twice");
        }
    }

    /** HEAD lines that change: replaced or deleted, or next to which lines are inserted. */
    List<Integer> changed() {
        TreeSet<Integer> out = new TreeSet<>(replaced.keySet());
        out.addAll(before.keySet());
        out.addAll(after.keySet());
        return List.copyOf(out);
    }

    String render() {
        String eol = head.dominantEol();
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= head.size(); n++) {
            for (String ins : before.getOrDefault(n, List.of())) {
                sb.append(ins).append(eol);
            }
            String text = replaced.getOrDefault(n, head.line(n));
            List<String> next = after.getOrDefault(n, List.of());
            String own = head.eol(n);
            if (!DELETED.equals(text)) {
                sb.append(text).append(own.isEmpty() && !next.isEmpty() ? eol : own);
            }
            for (int i = 0; i < next.size(); i++) {
                boolean lastOfFile = own.isEmpty() && i == next.size() - 1;
                sb.append(next.get(i)).append(lastOfFile ? "" : own.isEmpty() ? eol : own);
            }
        }
        return sb.toString();
    }
}

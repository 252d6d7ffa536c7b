package dev.holdfast.cli.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated file before its fix, and the fix: which lines it rewrote (id → text), which it added after them, and
 * what can be edited around the finding.
 *
 * @param secrets   placeholder → kind, for the values the file holds
 * @param fixes     id → the fix's text for that line
 * @param extras    id → lines the fix added right after it
 * @param findings  ids of the lines whose value the fix removed
 * @param others    id → the same line with other values (a rotated key pasted back), when that applies
 * @param above     a line right above the first finding that may be edited or removed (or null)
 * @param below     a line right below it that may be edited or removed (or null)
 * @param blocks    two groups of line ids that may be swapped (block order does not matter to the format)
 * @param far       a line away from the finding that an unrelated edit may change
 */
record Template(List<Doc.Line> lines, Map<String, String> secrets, Map<String, String> fixes,
                Map<String, List<Doc.Line>> extras, List<String> findings, Map<String, String> others, String above,
                String below, List<List<String>> blocks, String far) {

    /** Collects a template line by line. */
    static final class Builder {
        private final List<Doc.Line> lines = new ArrayList<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private final Map<String, String> fixes = new LinkedHashMap<>();
        private final Map<String, List<Doc.Line>> extras = new LinkedHashMap<>();
        private final List<String> findings = new ArrayList<>();
        private final Map<String, String> others = new LinkedHashMap<>();
        private final List<List<String>> blocks = new ArrayList<>();
        private List<String> current;
        private String above;
        private String below;
        private String far;
        private int n;

        /** A plain line; returns its id. */
        String line(int level, String text) {
            String id = "l" + n++;
            lines.add(new Doc.Line(id, level, text));
            if (current != null) {
                current.add(id);
            }
            return id;
        }

        /** A line holding a value the fix replaces; {@code other} is the line with another value, or null. */
        String finding(int level, String text, String fixed, String other) {
            String id = line(level, text);
            fixes.put(id, fixed);
            findings.add(id);
            if (other != null) {
                others.put(id, other);
            }
            return id;
        }

        void extra(String afterId, int level, String text) {
            List<Doc.Line> after = extras.computeIfAbsent(afterId, k -> new ArrayList<>());
            after.add(new Doc.Line(afterId + "x" + after.size(), level, text));
        }

        void secret(String placeholder, String kind) {
            secrets.put(placeholder, kind);
        }

        /** Lines from now on belong to a new block (until the next call). */
        void block() {
            current = new ArrayList<>();
            blocks.add(current);
        }

        /** Lines from now on belong to no block. */
        void endBlock() {
            current = null;
        }

        void above(String id) {
            above = id;
        }

        void below(String id) {
            below = id;
        }

        void far(String id) {
            far = id;
        }

        Template build() {
            List<List<String>> swappable = blocks.stream().filter(b -> !b.isEmpty()).toList();
            return new Template(lines, secrets, fixes, extras, findings, others, above, below,
                    swappable.size() >= 2 ? swappable.subList(0, 2) : List.of(), far);
        }
    }
}

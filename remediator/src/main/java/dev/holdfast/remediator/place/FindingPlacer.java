package dev.holdfast.remediator.place;

import dev.holdfast.scanner.baseline.place.ChangedSpan;
import dev.holdfast.scanner.baseline.place.PlaceIndex;
import dev.holdfast.rules.detect.Detection;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-applies a fix's own hunks where their lines are now, when the file moved on since the fix and a whole-file
 * 3-way merge no longer applies (a line added next to the fixed one, the file re-indented, renamed, reordered, or a
 * different value pasted back). Each line the fix changed is found in HEAD by its place (key path or assignment
 * target), else by the value it held, else by its exact text; the fix's line is written there with HEAD's
 * indentation and line ending. Lines of the fix that HEAD changed since are left as HEAD has them; a hunk that does
 * not touch the regressed finding is re-applied only where HEAD still has the lines the fix replaced. When a line
 * cannot be told apart from another, nothing is placed: the caller falls back.
 */
public final class FindingPlacer {

    /**
     * @param path      the file at HEAD
     * @param fixPath   the file as the fix saw it (differs when it was renamed since)
     * @param base      the file before the fix
     * @param fixed     the file as the fix left it
     * @param head      the file at HEAD
     * @param baseFound what the detectors see in {@code base} (raw subjects, in memory only)
     * @param targets   the regressed findings' detections at HEAD
     */
    public record Input(String path, String fixPath, String base, String fixed, String head,
                        List<Detection> baseFound, List<Detection> targets) {
        @Override
        public String toString() {
            return "Input[" + path + "]";
        }
    }

    /** The placed file and the HEAD lines it changed, or why nothing was placed. */
    public record Placement(String content, List<Integer> changedLines, String refusal) {
        public boolean placed() {
            return content != null;
        }

        static Placement refused(String why) {
            return new Placement(null, List.of(), why);
        }

        @Override
        public String toString() {
            return placed() ? "Placement[lines " + changedLines + "]" : "Placement[refused: " + refusal + "]";
        }
    }

    private static final int AMBIGUOUS = -2;

    /** Why a placement stops: a line that cannot be found, or found twice. */
    private static final class Refusal extends RuntimeException {
        Refusal(String why) {
            super(why, null, false, false);
        }
    }

    public Placement place(Input in) {
        try {
            return new Run(in).place();
        } catch (Refusal r) {
            return Placement.refused(r.getMessage());
        } catch (IllegalStateException twice) {
            return Placement.refused("two of the fix's lines land on " + twice.getMessage() + " of " + in.path()
                    + " (ambiguous)");
        }
    }

    /** One placement: the three versions of the file, their places, and the edits planned on HEAD's lines. */
    private static final class Run {
        private final Input in;
        private final List<String> base;
        private final List<String> fixed;
        private final TextLines head;
        private final PlaceIndex basePlaces;
        private final PlaceIndex fixedPlaces;
        private final PlaceIndex headPlaces;
        private final Map<Integer, List<String>> baseSubjects = new HashMap<>();
        private final Map<Integer, List<String>> targetSubjects = new HashMap<>();
        private final HeadEdits edits;
        private final Set<Integer> covered = new HashSet<>();
        private final boolean blockTargets;

        Run(Input in) {
            this.in = in;
            this.base = lines(in.base());
            this.fixed = lines(in.fixed());
            this.head = new TextLines(in.head());
            this.basePlaces = PlaceIndex.of(in.fixPath(), in.base());
            this.fixedPlaces = PlaceIndex.of(in.fixPath(), in.fixed());
            this.headPlaces = PlaceIndex.of(in.path(), in.head());
            in.baseFound().forEach(d -> baseSubjects.computeIfAbsent(d.line(), k -> new ArrayList<>()).add(d.subject()));
            in.targets().forEach(d -> targetSubjects.computeIfAbsent(d.line(), k -> new ArrayList<>()).add(d.subject()));
            this.edits = new HeadEdits(head);
            this.blockTargets = in.targets().stream().anyMatch(d -> d.line() < 1 || d.line() > head.size()
                    || d.subject() == null || !head.line(d.line()).contains(d.subject()));
        }

        Placement place() {
            if (head.size() == 0) {
                throw new Refusal(in.path() + " is empty at HEAD");
            }
            EditList hunks = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                    .diff(RawTextComparator.DEFAULT, raw(base), raw(fixed));
            for (Edit e : hunks) {
                new Hunk(e).plan();
            }
            // A value on its line must be reached by the fix's lines; a finding about a block (a grant reported at its
            // statement) is judged by the re-scan the caller runs.
            Set<Integer> left = new TreeSet<>();
            targetSubjects.forEach((h, subjects) -> {
                if (subjects.stream().anyMatch(v -> !v.isEmpty() && head.line(h).contains(v))) {
                    left.add(h);
                }
            });
            left.removeAll(covered);
            if (!left.isEmpty()) {
                throw new Refusal("the fix's lines do not reach the finding at line " + left.iterator().next()
                        + " of " + in.path());
            }
            String out = edits.render();
            if (out.equals(in.head())) {
                throw new Refusal("the fix's lines are already in " + in.path());
            }
            if (PlaceIndex.readable(in.path(), in.head()) && !PlaceIndex.readable(in.path(), out)) {
                throw new Refusal("putting the fix's lines back would leave " + in.path() + " unreadable");
            }
            return new Placement(out, edits.changed(), null);
        }

        /** One hunk of the fix: base lines [beginA, endA) became fixed lines [beginB, endB). */
        private final class Hunk {
            private final Edit e;
            private final Map<Integer, Integer> pairOfBase = new HashMap<>();
            private final Map<Integer, Integer> pairOfFixed = new HashMap<>();
            private final Map<Integer, Integer> headOfFixed = new HashMap<>();
            private final List<Runnable> ops = new ArrayList<>();
            private boolean touchesTarget;
            private boolean diverged;
            private String from;
            private String to;

            Hunk(Edit e) {
                this.e = e;
            }

            void plan() {
                pair();
                for (int a = e.getBeginA(); a < e.getEndA(); a++) {
                    planBaseLine(a);
                }
                if (from == null) {
                    anchorIndent();
                }
                Set<Integer> inserted = new LinkedHashSet<>();
                for (int b = e.getBeginB(); b < e.getEndB(); b++) {
                    if (!pairOfFixed.containsKey(b)) {
                        planInsert(b, inserted);
                    }
                }
                // A hunk that does not reach a value is re-applied where HEAD still has the lines it replaced: all of
                // it, or, for findings about a whole block (a grant), the lines still as they were before the fix.
                if (touchesTarget || !ops.isEmpty() && (!diverged || blockTargets)) {
                    ops.forEach(Runnable::run);
                }
            }

            /**
             * Pairs each replaced line with the fixed line at the same place; the lines left over are paired in order
             * when as many were replaced as written (the diff says those became these: an action narrowed in a list).
             */
            private void pair() {
                for (int a = e.getBeginA(); a < e.getEndA(); a++) {
                    String p = basePlaces.at(a + 1).orElse(null);
                    for (int b = e.getBeginB(); b < e.getEndB() && p != null; b++) {
                        if (!pairOfFixed.containsKey(b) && p.equals(fixedPlaces.at(b + 1).orElse(null))) {
                            pairOfBase.put(a, b);
                            pairOfFixed.put(b, a);
                            break;
                        }
                    }
                }
                List<Integer> restA = new ArrayList<>();
                List<Integer> restB = new ArrayList<>();
                for (int a = e.getBeginA(); a < e.getEndA(); a++) {
                    if (!pairOfBase.containsKey(a)) {
                        restA.add(a);
                    }
                }
                for (int b = e.getBeginB(); b < e.getEndB(); b++) {
                    if (!pairOfFixed.containsKey(b)) {
                        restB.add(b);
                    }
                }
                if (restA.size() == restB.size()) {
                    for (int k = 0; k < restA.size(); k++) {
                        pairOfBase.put(restA.get(k), restB.get(k));
                        pairOfFixed.put(restB.get(k), restA.get(k));
                    }
                }
            }

            private void planBaseLine(int a) {
                int h = headLineOf(a);
                if (h == AMBIGUOUS) {
                    diverged = true;
                    return;
                }
                boolean secret = baseSubjects.containsKey(a + 1);
                if (h < 0) {
                    // Not in HEAD: a secret line gone already is fine; any other line means HEAD moved on here.
                    diverged |= !secret || pairOfBase.containsKey(a);
                    return;
                }
                boolean target = targetSubjects.containsKey(h);
                boolean unchanged = sameBody(head.line(h), base.get(a));
                Integer b = pairOfBase.get(a);
                if (from == null && (target || unchanged)) {
                    from = TextLines.indent(base.get(a));
                    to = TextLines.indent(head.line(h));
                }
                if (b != null) {
                    headOfFixed.put(b, h);
                    if (target || unchanged) {
                        touchesTarget |= target;
                        String text = replacement(a, b, h);
                        ops.add(() -> {
                            edits.replace(h, text);
                            covered.add(h);
                        });
                    } else if (!sameBody(head.line(h), fixed.get(b))) {
                        diverged = true;
                    }
                } else if (target || unchanged) {
                    touchesTarget |= target;
                    ops.add(() -> {
                        edits.delete(h);
                        covered.add(h);
                    });
                } else {
                    diverged = true;
                }
            }

            /** Indentation of a hunk that only inserts: from the line before it, as the fix and HEAD have it. */
            private void anchorIndent() {
                int a = e.getBeginA() - 1;
                int h = a < 0 ? -1 : headLineOf(a);
                from = h < 0 ? "" : TextLines.indent(base.get(a));
                to = h < 0 ? "" : TextLines.indent(head.line(h));
            }

            private void planInsert(int b, Set<Integer> inserted) {
                String line = fixed.get(b);
                String place = fixedPlaces.at(b + 1).orElse(null);
                if (place != null) {
                    List<Integer> at = headPlaces.lines(place);
                    if (!at.isEmpty()) {
                        headOfFixed.put(b, at.get(0));
                        return;
                    }
                } else if (line.isBlank() ? !inserted.contains(b - 1) && !nextIsInserted(b)
                        : presentAnywhere(line)) {
                    return;
                }
                String text = TextLines.reindent(TextLines.indent(line), from, to) + TextLines.body(line);
                boolean afterAChange = false;
                for (int k = e.getBeginB(); k < b; k++) {
                    afterAChange |= pairOfFixed.containsKey(k);
                }
                int before = afterAChange ? -1 : anchorAfter(b);
                if (before > 0) {
                    inserted.add(b);
                    ops.add(() -> edits.insertBefore(before, text));
                    return;
                }
                int after = anchorBefore(b);
                if (after < 0) {
                    diverged = true;
                    return;
                }
                inserted.add(b);
                ops.add(() -> edits.insertAfter(after, text));
            }

            /**
             * For a line the fix added above the lines it changed (a comment over a key, say): the HEAD line it goes
             * right above, so that whatever HEAD added between them stays above both. -1 otherwise.
             */
            private int anchorAfter(int b) {
                for (int k = b + 1; k < e.getEndB(); k++) {
                    Integer a = pairOfFixed.get(k);
                    if (a != null) {
                        Integer h = headOfFixed.get(k);
                        return h == null ? -1 : h;
                    }
                }
                return -1;
            }

            /** Whether the fix's next line is one it added that HEAD lacks (a blank line before it comes too). */
            private boolean nextIsInserted(int b) {
                int n = b + 1;
                if (n >= e.getEndB() || pairOfFixed.containsKey(n) || fixed.get(n).isBlank()) {
                    return false;
                }
                return fixedPlaces.at(n + 1).map(p -> headPlaces.lines(p).isEmpty())
                        .orElse(!presentAnywhere(fixed.get(n)));
            }

            /** The HEAD line after which fixed line {@code b} goes (0: before the first), or -1 when unknown. */
            private int anchorBefore(int b) {
                for (int k = b - 1; k >= e.getBeginB(); k--) {
                    Integer h = headOfFixed.get(k);
                    if (h != null) {
                        return h;
                    }
                    if (pairOfFixed.containsKey(k)) {
                        // A line the fix changed that HEAD no longer has: nothing to stand next to.
                        return -1;
                    }
                    // A line the fix added before this one: both go after the same anchor, in order.
                }
                int a = e.getBeginA() - 1;
                return a < 0 ? 0 : headLineOf(a);
            }
        }

        /**
         * Where base line {@code a} (0-based) is in HEAD (1-based): -1 when it is not, {@link #AMBIGUOUS} when it is
         * in several places none of which holds the finding; refuses when one of them does.
         */
        private int headLineOf(int a) {
            String line = base.get(a);
            String place = basePlaces.at(a + 1).orElse(null);
            List<Integer> byPlace = place == null ? List.of() : headPlaces.lines(place);
            if (byPlace.size() == 1) {
                return byPlace.get(0);
            }
            List<Integer> byValue = new ArrayList<>();
            List<String> subjects = baseSubjects.getOrDefault(a + 1, List.of());
            targetSubjects.forEach((h, s) -> {
                if (s.stream().anyMatch(subjects::contains)) {
                    byValue.add(h);
                }
            });
            List<Integer> byText = new ArrayList<>();
            if (!line.isBlank()) {
                for (int h = 1; h <= head.size(); h++) {
                    if (head.line(h).strip().equals(line.strip())) {
                        byText.add(h);
                    }
                }
            }
            if (byPlace.size() > 1) {
                List<Integer> narrowed = new ArrayList<>(byPlace);
                narrowed.retainAll(union(byValue, byText));
                if (narrowed.size() == 1) {
                    return narrowed.get(0);
                }
                if (byPlace.stream().noneMatch(targetSubjects::containsKey)) {
                    return AMBIGUOUS;
                }
                throw new Refusal("the fix's line at " + place + " matches lines " + byPlace + " of " + in.path()
                        + " (ambiguous)");
            }
            byValue.sort(Comparator.naturalOrder());
            if (byValue.size() == 1) {
                return byValue.get(0);
            }
            if (byValue.size() > 1) {
                throw new Refusal("the value the fix removed is back at lines " + byValue + " of " + in.path()
                        + " (ambiguous)");
            }
            if (byText.size() == 1) {
                return byText.get(0);
            }
            if (byText.size() > 1 && !subjects.isEmpty()) {
                throw new Refusal("the line the fix changed is at lines " + byText + " of " + in.path()
                        + " (ambiguous)");
            }
            return -1;
        }

        /**
         * The fix's line for HEAD line {@code h}: the whole line, re-indented, when HEAD's line is the line the fix
         * changed (with any value in it); else only the value's span, when HEAD reformatted the rest of the line.
         */
        private String replacement(int a, int b, int h) {
            String was = base.get(a);
            String fix = fixed.get(b);
            String now = head.line(h);
            List<String> nowSubjects = targetSubjects.getOrDefault(h, List.of());
            List<String> wasSubjects = baseSubjects.getOrDefault(a + 1, List.of());
            if (sameBody(now, was) || shape(now, nowSubjects).equals(shape(was, wasSubjects))) {
                return TextLines.reindent(TextLines.indent(fix), TextLines.indent(was), TextLines.indent(now))
                        + TextLines.body(fix);
            }
            if (trailingComma(was) == trailingComma(fix) && trailingComma(now) != trailingComma(was)
                    && shape(withoutComma(now), nowSubjects).equals(shape(withoutComma(was), wasSubjects))) {
                // HEAD added or dropped an item after this one: the line keeps HEAD's separator.
                String body = withoutComma(TextLines.body(fix));
                return TextLines.reindent(TextLines.indent(fix), TextLines.indent(was), TextLines.indent(now))
                        + body + (trailingComma(now) ? "," : "");
            }
            String wb = TextLines.body(was);
            String fb = TextLines.body(fix);
            ChangedSpan span = ChangedSpan.of(wb, fb);
            String wasRegion = span.in(wb);
            String fixRegion = span.in(fb);
            for (String value : wasSubjects) {
                int at = wasRegion.indexOf(value);
                if (at < 0) {
                    continue;
                }
                String left = wasRegion.substring(0, at);
                String right = wasRegion.substring(at + value.length());
                for (String current : nowSubjects) {
                    int i = now.indexOf(current);
                    if (i >= left.length() && now.startsWith(left, i - left.length())
                            && now.startsWith(right, i + current.length())) {
                        return now.substring(0, i - left.length()) + fixRegion
                                + now.substring(i + current.length() + right.length());
                    }
                }
            }
            throw new Refusal("line " + h + " of " + in.path() + " was rewritten since the fix; its value cannot be"
                    + " told apart");
        }

        private static boolean trailingComma(String line) {
            return line.stripTrailing().endsWith(",");
        }

        private static String withoutComma(String line) {
            String s = line.stripTrailing();
            return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
        }

        /** A line's text without indentation and trailing blanks, each value in it replaced by one marker. */
        private static String shape(String line, List<String> values) {
            String s = TextLines.body(line).stripTrailing();
            List<String> longestFirst = new ArrayList<>(values);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            for (String v : longestFirst) {
                if (!v.isEmpty()) {
                    s = s.replace(v, "\u0000");
                }
            }
            return s;
        }

        private static boolean sameBody(String x, String y) {
            return TextLines.body(x).stripTrailing().equals(TextLines.body(y).stripTrailing());
        }

        private boolean presentAnywhere(String line) {
            for (int h = 1; h <= head.size(); h++) {
                if (head.line(h).strip().equals(line.strip())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Integer> union(List<Integer> x, List<Integer> y) {
        List<Integer> out = new ArrayList<>(x);
        y.stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        TextLines t = new TextLines(text);
        for (int i = 1; i <= t.size(); i++) {
            out.add(t.line(i));
        }
        return out;
    }

    /** The lines as JGit diffs them: line endings left out, so a CRLF file and its LF fix still line up. */
    private static RawText raw(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return new RawText(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}

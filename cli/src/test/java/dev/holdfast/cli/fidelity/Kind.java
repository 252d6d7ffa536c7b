package dev.holdfast.cli.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The regression scenarios: what happened to the file between the reviewed fix and the agent putting the value
 * back. Each builds the file's versions from a {@link Template} and says what the fixed branch must hold, from the
 * lines' ids alone (the lines the fix rewrote get the fix's text where HEAD still has the old value; every other
 * line is HEAD's) — never by running Holdfast's own logic.
 */
enum Kind {
    PLAIN("the agent puts the value back; nothing else changed since the fix"),
    ADDED_BELOW("a colleague added a line right below the fixed one"),
    ADDED_ABOVE("a colleague added a line right above the fixed one"),
    REMOVED_BELOW("a colleague removed the line right below the fixed one"),
    REMOVED_ABOVE("a colleague removed the line right above the fixed one"),
    EDITED_BELOW("a colleague changed the value on the line right below"),
    EDITED_ABOVE("a colleague changed the value on the line right above"),
    FIX_EDITED_NEIGHBOUR("the fix also changed the next line, which a colleague changed again later"),
    AGENT_ADJACENT("the agent adds a line next to the value in the same commit"),
    RENAMED("the file was renamed and edited since the fix"),
    REFORMATTED("the file was reformatted (indentation or spacing) and a line added"),
    REORDERED("the file's blocks were reordered and a line added"),
    CRLF("a CRLF file; a colleague added a line right below"),
    CRLF_CONVERTED("the file was converted to CRLF since the fix, and a line added"),
    SEVERAL("two values in one fix, a line added between them"),
    DIFFERENT_VALUE("the agent pastes a different value where the fix had put the reference"),
    AGENT_UNRELATED("the agent also edits an unrelated line and another file in the same commit");

    final String description;

    Kind(String description) {
        this.description = description;
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    boolean applies(Format f) {
        Template t = f.template(new java.util.Random(0), false);
        return switch (this) {
            case DIFFERENT_VALUE -> f.values();
            // A policy's grants are keyed on the file that holds them: in a renamed file they are new, not regressed.
            case RENAMED -> f.values();
            case REMOVED_ABOVE, EDITED_ABOVE -> t.above() != null;
            default -> true;
        };
    }

    /** The file's versions and what the fixed branch must hold. */
    record Versions(Doc original, Doc fixed, Doc between, Doc head, Doc expected, String path, String headPath,
                    Map<String, String> secrets, Map<String, String> alsoChanged) {
    }

    Versions build(Format f, Random r) {
        Template t = f.template(r, this == SEVERAL);
        Map<String, String> fixes = new LinkedHashMap<>(t.fixes());
        Doc original = new Doc(t.lines(), f.unit(), this == CRLF ? "\r\n" : "\n", s -> s);
        if (this == FIX_EDITED_NEIGHBOUR) {
            fixes.put(t.below(), f.edit(r, original.line(t.below())));
        }
        Doc fixed = applyFix(original, fixes, t);
        String first = t.findings().get(0);
        Doc between = switch (this) {
            case ADDED_BELOW, CRLF, SEVERAL, DIFFERENT_VALUE -> below(f, r, fixed, first);
            case ADDED_ABOVE -> fixed.insert(fixed.indexOf(first), f.neighbour(r, fixed.line(first), "n0"));
            case REMOVED_BELOW -> fixed.remove(t.below());
            case REMOVED_ABOVE -> fixed.remove(t.above());
            case EDITED_BELOW, FIX_EDITED_NEIGHBOUR -> fixed.replace(t.below(), f.edit(r, fixed.line(t.below())));
            case EDITED_ABOVE -> fixed.replace(t.above(), f.edit(r, fixed.line(t.above())));
            case RENAMED -> below(f, r, fixed.map(l -> l.withText(f.renamed(l.text()))), first);
            case REFORMATTED -> below(f, r, f.reformattedUnit() != null ? fixed.withUnit(f.reformattedUnit())
                    : fixed.withStyle(f.reformatted()), first);
            case REORDERED -> below(f, r, swap(fixed, t.blocks()), first);
            case CRLF_CONVERTED -> below(f, r, fixed.withEol("\r\n"), first);
            default -> null;
        };
        Doc head = restore(between != null ? between : fixed, original, t, this == DIFFERENT_VALUE);
        if (this == AGENT_ADJACENT) {
            head = below(f, r, head, first);
        }
        Map<String, String> also = new LinkedHashMap<>();
        if (this == AGENT_UNRELATED) {
            head = head.replace(t.far(), f.edit(r, head.line(t.far())));
            also.put("README.md", "# shop\n\nRun `make dev` to start the services locally.\n");
        }
        Doc expected = expect(head, original, fixes, t, this == DIFFERENT_VALUE,
                this == RENAMED ? f : null);
        String headPath = this == RENAMED ? f.renamedPath() : f.path();
        return new Versions(f.fixup(original), f.fixup(fixed), between == null ? null : f.fixup(between),
                f.fixup(head), f.fixup(expected), f.path(), headPath, t.secrets(), also);
    }

    private static Doc below(Format f, Random r, Doc d, String id) {
        return d.insert(d.indexOf(id) + 1, f.neighbour(r, d.line(id), "n0"));
    }

    /** The fix: its lines rewritten, and the lines it added right after them. */
    private static Doc applyFix(Doc original, Map<String, String> fixes, Template t) {
        List<Doc.Line> out = new ArrayList<>();
        for (Doc.Line l : original.lines()) {
            out.add(fixes.containsKey(l.id()) ? l.withText(fixes.get(l.id())) : l);
            out.addAll(t.extras().getOrDefault(l.id(), List.of()));
        }
        return original.withLines(out);
    }

    /** The agent puts the values back (the same, or others) and drops the lines the fix had added. */
    private static Doc restore(Doc d, Doc original, Template t, boolean otherValues) {
        List<Doc.Line> out = new ArrayList<>();
        for (Doc.Line l : d.lines()) {
            if (t.extras().values().stream().anyMatch(xs -> xs.stream().anyMatch(x -> x.id().equals(l.id())))) {
                continue;
            }
            if (t.findings().contains(l.id())) {
                String back = otherValues && t.others().containsKey(l.id()) ? t.others().get(l.id())
                        : original.line(l.id()).text();
                out.add(l.withText(back));
            } else {
                out.add(l);
            }
        }
        return d.withLines(out);
    }

    /**
     * What the branch must hold: HEAD, with each line the fix rewrote given the fix's text where HEAD has the text
     * from before the fix (or another value in its place), and the fix's added lines back after it.
     */
    private static Doc expect(Doc head, Doc original, Map<String, String> fixes, Template t, boolean otherValues,
                              Format renamed) {
        List<Doc.Line> out = new ArrayList<>();
        for (Doc.Line l : head.lines()) {
            String fix = fixes.get(l.id());
            if (fix == null) {
                out.add(l);
                continue;
            }
            String before = original.line(l.id()).text();
            boolean back = l.text().equals(before) || otherValues && l.text().equals(t.others().get(l.id()));
            out.add(back ? l.withText(renamed == null ? fix : renamed.renamed(fix)) : l);
            for (Doc.Line x : t.extras().getOrDefault(l.id(), List.of())) {
                if (head.line(x.id()) == null) {
                    out.add(x);
                }
            }
        }
        return head.withLines(out);
    }

    /** A line of a block: one of its ids, or a line the fix added after one of them ({@code l7x0}). */
    private static boolean in(List<String> block, String id) {
        int x = id.indexOf('x');
        return block.contains(id) || x > 0 && block.contains(id.substring(0, x));
    }

    /** The two blocks exchanged, each keeping its lines. */
    private static Doc swap(Doc d, List<List<String>> blocks) {
        if (blocks.size() < 2) {
            return d;
        }
        List<String> a = blocks.get(0);
        List<String> b = blocks.get(1);
        List<Doc.Line> lines = d.lines();
        List<Doc.Line> blockA = lines.stream().filter(l -> in(a, l.id())).toList();
        List<Doc.Line> blockB = lines.stream().filter(l -> in(b, l.id())).toList();
        List<Doc.Line> out = new ArrayList<>();
        boolean placedA = false;
        boolean placedB = false;
        for (Doc.Line l : lines) {
            if (in(a, l.id())) {
                if (!placedA) {
                    out.addAll(blockB);
                    placedA = true;
                }
            } else if (in(b, l.id())) {
                if (!placedB) {
                    out.addAll(blockA);
                    placedB = true;
                }
            } else {
                out.add(l);
            }
        }
        return d.withLines(out);
    }
}

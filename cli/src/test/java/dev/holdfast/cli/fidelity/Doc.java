package dev.holdfast.cli.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One version of a generated file: lines with stable ids (so that the fix, later edits and the expected result can
 * be told line by line without running any of Holdfast's own logic), rendered with an indentation unit, a line
 * ending and a style (e.g. {@code key = value} spacing).
 */
record Doc(List<Line> lines, String unit, String eol, UnaryOperator<String> style) {

    /** A line: its id, nesting level and text without indentation. */
    record Line(String id, int level, String text) {
        Line withText(String t) {
            return new Line(id, level, t);
        }
    }

    Doc {
        lines = List.copyOf(lines);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(unit.repeat(l.level())).append(style.apply(l.text())).append(eol);
        }
        return sb.toString();
    }

    int indexOf(String id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    Line line(String id) {
        int i = indexOf(id);
        return i < 0 ? null : lines.get(i);
    }

    Doc withLines(List<Line> ls) {
        return new Doc(ls, unit, eol, style);
    }

    Doc withUnit(String u) {
        return new Doc(lines, u, eol, style);
    }

    Doc withEol(String e) {
        return new Doc(lines, unit, e, style);
    }

    Doc withStyle(UnaryOperator<String> s) {
        return new Doc(lines, unit, eol, s);
    }

    Doc replace(String id, String text) {
        List<Line> out = new ArrayList<>(lines);
        int i = indexOf(id);
        out.set(i, out.get(i).withText(text));
        return withLines(out);
    }

    Doc insert(int at, Line line) {
        List<Line> out = new ArrayList<>(lines);
        out.add(at, line);
        return withLines(out);
    }

    Doc remove(String id) {
        List<Line> out = new ArrayList<>(lines);
        out.remove(indexOf(id));
        return withLines(out);
    }

    Doc map(UnaryOperator<Line> f) {
        return withLines(lines.stream().map(f).toList());
    }
}

package dev.holdfast.remediator.place;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as lines, each with its own terminator ({@code \n}, {@code \r\n} or none for a last line without one), so
 * that a file can be edited line by line and written back with every untouched byte, and every line ending, as it
 * was. Line numbers are 1-based.
 */
final class TextLines {
    private final List<String> text = new ArrayList<>();
    private final List<String> eol = new ArrayList<>();

    TextLines(String content) {
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                boolean cr = i > start && content.charAt(i - 1) == '\r';
                text.add(content.substring(start, cr ? i - 1 : i));
                eol.add(cr ? "\r\n" : "\n");
                start = i + 1;
            }
        }
        if (start < content.length()) {
            text.add(content.substring(start));
            eol.add("");
        }
    }

    int size() {
        return text.size();
    }

    /** The line without its terminator. */
    String line(int n) {
        return text.get(n - 1);
    }

    String eol(int n) {
        return eol.get(n - 1);
    }

    /** The ending most lines use, for lines that are added. */
    String dominantEol() {
        long crlf = eol.stream().filter("\r\n"::equals).count();
        long lf = eol.stream().filter("\n"::equals).count();
        return crlf > lf ? "\r\n" : "\n";
    }

    static String indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    static String body(String line) {
        return line.substring(indent(line).length());
    }

    /**
     * The indentation {@code lineIndent} gets when a block indented {@code from} moves to {@code to}: the common part
     * is replaced, and the rest scaled when the file went from one width of spaces to another (2 to 4, say).
     */
    static String reindent(String lineIndent, String from, String to) {
        if (!lineIndent.startsWith(from)) {
            return to + lineIndent.stripLeading();
        }
        String rest = lineIndent.substring(from.length());
        boolean spaces = !from.contains("\t") && !to.contains("\t") && !rest.contains("\t");
        if (spaces && !from.isEmpty() && !to.isEmpty() && !rest.isEmpty()) {
            int width = (int) Math.round(rest.length() * (double) to.length() / from.length());
            return to + " ".repeat(Math.max(1, width));
        }
        return to + rest;
    }
}

package dev.holdfast.cli.hooks;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell command line into simple commands (at {@code ; && || | &}, newlines and parentheses) and each into
 * words, honouring quotes and backslashes as sh does, without expanding anything. Enough to see which git commands an
 * agent is about to run; {@code $(...)} and backquotes are read as separate commands.
 */
final class ShellWords {
    private static final int MAX_LENGTH = 1 << 20;

    private ShellWords() {
    }

    static List<List<String>> commands(String line) {
        List<List<String>> out = new ArrayList<>();
        if (line == null) {
            return out;
        }
        String s = line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) : line;
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                word = word == null ? new StringBuilder() : word;
                int end = s.indexOf('\'', i + 1);
                end = end < 0 ? s.length() : end;
                word.append(s, i + 1, end);
                i = end;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                i = doubleQuoted(s, i + 1, word);
            } else if (c == '\\' && i + 1 < s.length()) {
                if (s.charAt(i + 1) != '\n') {
                    word = word == null ? new StringBuilder() : word;
                    word.append(s.charAt(i + 1));
                }
                i++;
            } else if (c == '#' && word == null) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl - 1;
            } else if (c == ' ' || c == '\t') {
                word = flush(words, word);
            } else if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')' || c == '`'
                    || (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(')) {
                word = flush(words, word);
                if (!words.isEmpty()) {
                    out.add(words);
                    words = new ArrayList<>();
                }
                if (c == '$') {
                    i++;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        flush(words, word);
        if (!words.isEmpty()) {
            out.add(words);
        }
        return out;
    }

    private static int doubleQuoted(String s, int from, StringBuilder word) {
        int i = from;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                word.append(s.charAt(++i));
            } else {
                word.append(c);
            }
        }
        return i;
    }

    private static StringBuilder flush(List<String> words, StringBuilder word) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }
}

package dev.holdfast.reports.markdown;

import dev.holdfast.reports.ReportText;

import java.util.regex.Pattern;

/**
 * Escaping for text that came from commits, cloud APIs or file paths: it must render as text, never as markup. Shared
 * by the Markdown report and the remediator's pull-request text.
 */
public final class Md {
    private static final Pattern CODE_SAFE = Pattern.compile("[A-Za-z0-9._:/-]+");
    private static final Pattern COMMAND_LINE = Pattern.compile("(?m)^([ \\t]*):");

    private Md() {
    }

    /**
     * Escapes Markdown and HTML so that a hostile author name or message shows as typed: entities for HTML
     * specials, backslashes for Markdown punctuation that could start markup (brackets for links, emphasis, code), and
     * {@code @} as an entity so that no one is mentioned. An underscore inside a word stays as it is: it cannot open or
     * close emphasis there.
     */
    public static String text(String s) {
        String one = ReportText.oneLine(s);
        StringBuilder sb = new StringBuilder(one.length() + 16);
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '@' -> sb.append("&#64;");
                case '|' -> sb.append("\\|");
                case '_' -> sb.append(intraword(one, i) ? "_" : "\\_");
                case '\\', '`', '*', '[', ']', '#', '~' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Inline code for a value that is plainly safe in backticks (a path, a commit, a rule id), else escaped text. */
    public static String code(String s) {
        String t = ReportText.oneLine(s);
        return CODE_SAFE.matcher(t).matches() ? "`" + t + "`" : text(t);
    }

    /**
     * Markdown that may also be printed to a CI log ({@code fix --dry-run} in GitHub Actions) holds no line the runner
     * would read as a workflow command: a line whose first non-blank character is ':' gets it escaped ({@code \:},
     * which renders as ':'), and the legacy {@code ##[} form is broken up.
     */
    public static String inertInLogs(String markdown) {
        return COMMAND_LINE.matcher(markdown.replace("##[", "#\\#[")).replaceAll("$1\\\\:");
    }

    private static boolean intraword(String s, int i) {
        return i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                && Character.isLetterOrDigit(s.charAt(i + 1));
    }
}

package dev.holdfast.reports.markdown;

import dev.holdfast.reports.ReportText;

/** Escaping for text that came from commits, cloud APIs or file paths: it must render as text, never as markup. */
public final class Md {
    private Md() {
    }

    /**
     * Escapes Markdown and HTML so that a hostile author name or message shows as typed: entities for HTML
     * specials, backslashes for Markdown punctuation that could start markup (brackets for links, emphasis, code), and {@code @} as an entity so that no one is mentioned.
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
                case '\\', '`', '*', '_', '[', ']', '#', '~' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

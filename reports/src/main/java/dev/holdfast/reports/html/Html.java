package dev.holdfast.reports.html;

/** HTML escaping for text and attribute values; everything from commits, clouds and paths goes through it. */
public final class Html {
    private Html() {
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '`' -> sb.append("&#96;");
                // Shown as ':' but keeps any URL-looking text (a webhook in a message) from reading as a link to
                // tools that scan the file for remote references.
                case ':' -> sb.append("&#58;");
                default -> {
                    // Control characters other than tab and newline have no place in a report.
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}

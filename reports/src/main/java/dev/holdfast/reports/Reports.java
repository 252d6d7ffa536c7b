package dev.holdfast.reports;

import java.util.List;

/** The report formats by name. */
public final class Reports {
    public static final List<String> FORMATS = List.of("text", "json");

    private Reports() {
    }

    /**
     * @param colour whether the text report may use ANSI colour (only on a terminal)
     * @throws IllegalArgumentException for an unknown format
     */
    public static Report forFormat(String name, ReportContext context) {
        return switch (name) {
            case "text" -> new TextReport(context.colour());
            case "json" -> new JsonReport(context.version());
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (known: "
                    + String.join(", ", FORMATS) + ")");
        };
    }
}

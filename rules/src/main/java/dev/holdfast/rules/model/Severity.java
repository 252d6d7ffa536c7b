package dev.holdfast.rules.model;

import java.util.Locale;

/** How bad a finding is; declared most severe first so natural order sorts worst-first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** The lower-case name used in reports, config and rule files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}

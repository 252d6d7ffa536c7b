package dev.holdfast.rules.model;

import java.util.Locale;

/** A finding's status relative to the baseline and the fix ledger. */
public enum Status {
    NEW, EXISTING, REGRESSED, FIXED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}

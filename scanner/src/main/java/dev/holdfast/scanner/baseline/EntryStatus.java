package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A baseline entry's review state: still there, accepted as a risk, or gone since it was recorded. */
public enum EntryStatus {
    OPEN, ACCEPTED, FIXED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EntryStatus fromId(String id) {
        for (EntryStatus s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + id + "' (open, accepted or fixed)");
    }
}

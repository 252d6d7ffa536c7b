package dev.holdfast.rules.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Day arithmetic on the ISO instants of a snapshot, against the injected clock. */
public final class Dates {
    private Dates() {
    }

    public static Instant parse(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    /** Whole days from {@code iso} to now; negative for the future. */
    public static long daysSince(String iso, Clock clock) {
        return Duration.between(parse(iso), clock.instant()).toDays();
    }

    public static long daysBetween(String from, String to) {
        return Duration.between(parse(from), parse(to)).toDays();
    }

    /** yyyy-mm-dd for messages. */
    public static String day(String iso) {
        return iso == null ? "never" : iso.substring(0, Math.min(10, iso.length()));
    }
}

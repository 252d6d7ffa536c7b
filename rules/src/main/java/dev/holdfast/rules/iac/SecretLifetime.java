package dev.holdfast.rules.iac;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Judges a client secret's end date against "now" (an injected clock) and the maximum lifetime in days. */
final class SecretLifetime {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|m|s|ms)");

    private final Clock clock;
    private final long maxDays;

    SecretLifetime(Clock clock, long maxDays) {
        this.clock = clock;
        this.maxDays = maxDays;
    }

    /** Why the end date is too far (or absent), or empty when it is fine. */
    Optional<String> problem(Instant end) {
        if (end == null) {
            return Optional.of("has no end date");
        }
        Instant now = clock.instant();
        long days = Duration.between(now, end).toDays();
        if (days > maxDays) {
            return Optional.of("expires " + end.toString().substring(0, 10) + ", " + days + " days from now (limit "
                    + maxDays + ")");
        }
        return Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }

    /** RFC 3339 timestamps and plain dates; null when the text is not one (e.g. an expression). */
    static Instant parseDate(String text) {
        if (text == null || text.isBlank() || text.contains("${")) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t).atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Go durations as Terraform's end_date_relative uses them ("8760h", "2160h30m"); null when not one. */
    static Duration parseGoDuration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = GO_DURATION.matcher(text.trim());
        Duration total = Duration.ZERO;
        int consumed = 0;
        while (m.find()) {
            if (m.start() != consumed) {
                return null;
            }
            consumed = m.end();
            double n = Double.parseDouble(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofSeconds((long) (n * 3600));
                case "m" -> Duration.ofSeconds((long) (n * 60));
                case "s" -> Duration.ofSeconds((long) n);
                default -> Duration.ofMillis((long) n);
            });
        }
        return consumed == text.trim().length() && consumed > 0 ? total : null;
    }

    /** ISO-8601 durations as ARM/Bicep use them ("P1Y", "P180D"); null when not one. */
    static Duration parseIsoDuration(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile("^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?$").matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long days = 0;
        days += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 365;
        days += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 30;
        days += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return Duration.ofDays(days);
    }
}

package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * A risk someone accepted: who, why, and until when (inclusive; null = no end date).
 *
 * @param by    "Name <email>" from git config, or the login name
 * @param until ISO date (YYYY-MM-DD) or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Acceptance(String by, String reason, String until) {

    /** True when the acceptance has an end date that lies before {@code today}. */
    public boolean expiredOn(LocalDate today) {
        return until != null && LocalDate.parse(until).isBefore(today);
    }
}

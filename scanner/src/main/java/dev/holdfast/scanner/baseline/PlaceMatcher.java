package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;

import java.util.Optional;

/** Finds the ledger fix that had put a reference where a finding now sits (see {@link LedgerPlaces}). */
@FunctionalInterface
public interface PlaceMatcher {
    /** Matches nothing: regressions by value only. */
    PlaceMatcher NONE = f -> Optional.empty();

    Optional<Match> match(Finding finding);

    /**
     * @param fingerprint the ledger entry: the value the fix removed
     * @param entry       that entry, with the fix
     * @param place       where the fix put its reference, as stored
     * @param reference   the reference it put there, or null when unknown
     */
    record Match(String fingerprint, LedgerEntry entry, String place, String reference) {
    }
}

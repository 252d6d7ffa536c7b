package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Comparator;
import java.util.List;

/**
 * A finding that disappeared in history, keyed by fingerprint in {@link Baseline#ledger()}: the latest commit that
 * removed it, and what that commit changed.
 *
 * @param introducedBy who had brought it in before the fix (may be null)
 * @param changes      one per file the fix removed it from, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record LedgerEntry(String ruleId, String category, String severity, String redacted, PersonRecord introducedBy,
                          FixRecord fix, List<LedgerChange> changes) {

    public LedgerEntry {
        changes = changes == null ? List.of()
                : changes.stream().sorted(Comparator.comparing(LedgerChange::path)).toList();
    }
}

package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One reviewed finding, keyed by its fingerprint in {@link Baseline#findings()}. Holds redacted evidence only.
 *
 * @param category     the category id (secret, privilege, ...)
 * @param severity     the severity id
 * @param locations    every place it was seen, sorted
 * @param introducedBy who brought it in (blame or first appearance), or null
 * @param acceptance   set when status is accepted
 * @param fixedBy      for status fixed: the commit that removed it when history knows it, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record BaselineEntry(String ruleId, String category, String severity, EntryStatus status, String redacted,
                            List<StoredLocation> locations, PersonRecord introducedBy, Acceptance acceptance,
                            FixRecord fixedBy) {

    public BaselineEntry {
        locations = locations == null ? List.of()
                : locations.stream().distinct().sorted(StoredLocation.ORDER).toList();
    }

    public BaselineEntry withStatus(EntryStatus s) {
        return new BaselineEntry(ruleId, category, severity, s, redacted, locations, introducedBy, acceptance, fixedBy);
    }

    public BaselineEntry withAcceptance(Acceptance a) {
        return new BaselineEntry(ruleId, category, severity, a == null ? EntryStatus.OPEN : EntryStatus.ACCEPTED,
                redacted, locations, introducedBy, a, fixedBy);
    }

    public BaselineEntry withFixedBy(FixRecord f) {
        return new BaselineEntry(ruleId, category, severity, status, redacted, locations, introducedBy, acceptance, f);
    }
}

package dev.holdfast.scanner.baseline;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The history of every fingerprint seen in the commits reachable from HEAD. Fingerprints are only comparable with
 * findings fingerprinted under the same key.
 *
 * @param head the commit the walk started from, or null for a repository without commits
 */
public record Timeline(String head, SortedMap<String, FindingHistory> findings) {

    public Timeline {
        findings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(findings));
    }

    public static Timeline empty() {
        return new Timeline(null, new TreeMap<>());
    }

    public Optional<FindingHistory> get(String fingerprint) {
        return Optional.ofNullable(findings.get(fingerprint));
    }

    public Map<String, FindingHistory> asMap() {
        return findings;
    }
}

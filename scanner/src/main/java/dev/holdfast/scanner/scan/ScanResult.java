package dev.holdfast.scanner.scan;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;

import java.util.List;
import java.util.Map;

/**
 * Everything a report renders. Findings are sorted by {@link Finding#ORDER}.
 *
 * @param rules    metadata for every rule that produced a finding (and may hold more)
 * @param warnings files skipped (size cap, unreadable) and parts of the scan that failed
 * @param partial  true when part of the target could not be scanned: a partial result is never "clean"
 */
public record ScanResult(ScanTarget target, List<Finding> findings, Map<String, RuleInfo> rules,
                         List<ScanWarning> warnings, boolean partial) {

    public ScanResult {
        findings = findings.stream().sorted(Finding.ORDER).toList();
        rules = Map.copyOf(rules);
        warnings = List.copyOf(warnings);
    }
}

package dev.holdfast.rules.model;

import java.util.List;

/** What reports need to know about a rule (SARIF rule metadata, help text), independent of how it matches. */
public record RuleInfo(String id, String title, String description, Category category, Severity severity,
                       String remediation, List<String> tags) {
}

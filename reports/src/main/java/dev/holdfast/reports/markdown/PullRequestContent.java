package dev.holdfast.reports.markdown;

import dev.holdfast.model.Finding;

import java.util.List;

/**
 * What a remediation pull request does, as the remediator knows it.
 *
 * @param findings      the regressions (or findings) the change addresses; only their redacted evidence is shown
 * @param changeSummary one or two sentences: what the change does ("reapplies beef222 to application.properties")
 * @param changedFiles  paths the change touches, relative to the repository root
 * @param branch        the branch the change is on
 * @param strategy      how the change was made, e.g. "reapply-fix" or "rule-fixer"
 */
public record PullRequestContent(List<Finding> findings, String changeSummary, List<String> changedFiles,
                                 String branch, String strategy) {

    public PullRequestContent {
        findings = List.copyOf(findings);
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }
}

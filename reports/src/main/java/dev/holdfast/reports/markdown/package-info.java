/** Markdown for GitHub: the job summary of a run and the body of a remediation pull request. */
package dev.holdfast.reports.markdown;

/** Markdown for GitHub: the job summary of a run, and the escaping the remediator's pull-request text shares. */
package dev.holdfast.reports.markdown;

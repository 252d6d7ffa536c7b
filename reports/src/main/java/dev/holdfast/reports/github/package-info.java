/** Outputs for GitHub Actions itself: workflow-command annotations and step outputs. */
package dev.holdfast.reports.github;

/** Renders a scan result for people and machines: text, JSON, SARIF, Markdown, HTML. */
package dev.holdfast.reports;

/** A single self-contained HTML report for security teams: no network, filters and charts inline. */
package dev.holdfast.reports.html;

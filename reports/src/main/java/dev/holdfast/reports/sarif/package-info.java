/** SARIF 2.1.0 output as GitHub code scanning consumes it, including GitHub's own line fingerprint. */
package dev.holdfast.reports.sarif;

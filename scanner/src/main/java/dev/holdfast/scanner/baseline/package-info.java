/** The baseline and fix ledger: what was reviewed, what was fixed and by which commit, and drift against both. */
package dev.holdfast.scanner.baseline;

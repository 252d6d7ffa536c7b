/** Turns regressions into changes: reapplies the ledger's fix or a rule's own fixer, and publishes it as a PR. */
package dev.holdfast.remediator;

/** Rule fixers: the change a rule itself proposes when the ledger's original fix no longer applies. */
package dev.holdfast.remediator.fixers;

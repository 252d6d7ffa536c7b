package dev.holdfast.remediator;

/** How a change was obtained. */
public enum Strategy {
    /** The ledger's own fix commit, re-applied onto HEAD with a 3-way merge. */
    REAPPLY,
    /** The rule's fixer, because the original fix no longer applies. */
    RULE_FIXER
}

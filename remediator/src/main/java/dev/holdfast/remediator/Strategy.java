package dev.holdfast.remediator;

/** How a change was obtained. */
public enum Strategy {
    /** The ledger's own fix commit, re-applied onto HEAD: with a 3-way merge, or its own lines at the finding. */
    REAPPLY,
    /** The rule's fixer, because the original fix does not apply to this file or could not be placed. */
    RULE_FIXER
}

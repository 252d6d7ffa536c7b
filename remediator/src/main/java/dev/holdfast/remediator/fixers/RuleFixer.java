package dev.holdfast.remediator.fixers;

/** A rule's own fix for one kind of file. Pure: content in, content out; no git, no network. */
public interface RuleFixer {

    /** A short stable name for reasons and tests. */
    String name();

    /** Whether this fixer knows the file's format (by path and, if needed, content). */
    boolean handles(FixContext context);

    FixerOutcome fix(FixContext context);
}

package dev.holdfast.remediator;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;

import java.util.List;

/**
 * A verified change that removes one or more regressed findings.
 *
 * @param findings  what it fixes (sorted by {@link Finding#ORDER}); never holds a raw secret
 * @param edits     the file edits, sorted by path
 * @param strategy  how the edits were obtained
 * @param reapplies the ledger's fix this change restores (also set for rule fixers: it is the fix being undone)
 * @param reason    one line for humans: what the change does
 * @param baseCommit the commit the edits apply to (HEAD when planned)
 * @param notes     what a reviewer must know, one line each (where a reference name came from, or that it is new)
 */
public record Fix(List<Finding> findings, List<FileEdit> edits, Strategy strategy, FixRef reapplies, String reason,
                  String baseCommit, List<String> notes) {

    public Fix {
        findings = findings.stream().sorted(Finding.ORDER).toList();
        edits = edits.stream().sorted(java.util.Comparator.comparing(FileEdit::path)).toList();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Fix(List<Finding> findings, List<FileEdit> edits, Strategy strategy, FixRef reapplies, String reason,
               String baseCommit) {
        this(findings, edits, strategy, reapplies, reason, baseCommit, List.of());
    }

    /** The file of the most severe finding: what the branch and PR are named after. */
    public String primaryPath() {
        String first = findings.isEmpty() || findings.get(0).location() == null ? null
                : findings.get(0).location().path();
        return edits.stream().map(FileEdit::path).filter(p -> p.equals(first)).findFirst()
                .orElse(edits.get(0).path());
    }
}

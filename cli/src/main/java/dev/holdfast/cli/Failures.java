package dev.holdfast.cli;

import org.eclipse.jgit.errors.MissingObjectException;

/** The one line a failed command prints: what went wrong, and for a repository that lacks objects, what to do. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        if (e instanceof MissingObjectException m) {
            // JGit's own text is "Missing unknown <id>": say what it means.
            return "object " + m.getObjectId().abbreviate(12).name() + " is missing from the repository: the clone "
                    + "is incomplete or damaged; run 'git fsck', fetch again (or clone afresh) and try again";
        }
        String m = e.getMessage();
        return Main.oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}

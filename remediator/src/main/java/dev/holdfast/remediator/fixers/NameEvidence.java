package dev.holdfast.remediator.fixers;

import java.util.List;

/**
 * What the repository already says about the names of secrets, gathered by the planner so that the fixers (which
 * never touch git) can reuse a name instead of inventing one.
 *
 * @param versions earlier versions of the file, most telling first: the fix commit's version, then older ones
 * @param files    other configuration files at HEAD (profiles, compose files, Helm values, {@code .env.example})
 */
public record NameEvidence(List<Source> versions, List<Source> files) {

    public NameEvidence {
        versions = List.copyOf(versions);
        files = List.copyOf(files);
    }

    /**
     * One file's text.
     *
     * @param label how the PR body names it, e.g. "fix commit 1a2b3c4" or "config/application-prod.yml"
     */
    public record Source(String path, String text, String label) {
        @Override
        public String toString() {
            return "Source[" + label + "]";
        }
    }

    public static NameEvidence none() {
        return new NameEvidence(List.of(), List.of());
    }
}

package dev.holdfast.remediator.advice;

/**
 * What to write instead of a secret. Never holds the secret.
 *
 * @param reference the expression to write ({@code ${AWS_ACCESS_KEY_ID}}), or null when the file should not be
 *                  tracked at all
 * @param name      the variable the reference names, or null
 * @param source    where the name comes from
 * @param basis     why this name, in a few words ("fix 1a2b3c4d by Erin put it here")
 * @param where     where the value then lives ("the environment", "a repository or organisation secret")
 */
public record Advice(String reference, String name, Source source, String basis, String where) {

    public enum Source {
        /** the reference the fix in the ledger put in place of this value (or of this rule's values) */
        LEDGER,
        /** a reference the repository already writes for a matching name */
        REPOSITORY,
        /** the provider's conventional variable, or one named after the key that held the value */
        CONVENTION,
        /** the file exists to hold secrets: stop tracking it */
        UNTRACK;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

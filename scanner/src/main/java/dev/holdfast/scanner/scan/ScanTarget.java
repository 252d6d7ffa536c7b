package dev.holdfast.scanner.scan;

/**
 * What was scanned.
 *
 * @param path   the scanned root as the user named it
 * @param commit HEAD (tree), the newest commit (range), or null
 * @param mode   tree | history | range | cloud
 * @param scope  in words, when an event chose it ("push to branch main: 2 commits …"); else null
 */
public record ScanTarget(String path, String commit, String mode, String scope) {

    public ScanTarget(String path, String commit, String mode) {
        this(path, commit, mode, null);
    }

    public ScanTarget withScope(String newScope) {
        return new ScanTarget(path, commit, mode, newScope);
    }
}

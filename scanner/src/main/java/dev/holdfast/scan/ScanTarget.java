package dev.holdfast.scan;

/**
 * What was scanned.
 *
 * @param path   the scanned root as the user named it
 * @param commit HEAD (tree), the newest commit (range), or null
 * @param mode   tree | history | range | cloud
 */
public record ScanTarget(String path, String commit, String mode) {
}

package dev.holdfast.scanner.scan;

/**
 * Something the scan could not look at, or looked at only in part; never contains a raw secret.
 *
 * @param path   the file, blob or cloud call concerned (may be null)
 * @param reason one line
 */
public record ScanWarning(String path, String reason) {
}

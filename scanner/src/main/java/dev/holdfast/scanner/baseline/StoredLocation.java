package dev.holdfast.scanner.baseline;

import java.util.Comparator;

/** One place a baselined finding sits (the same secret may sit in several files). */
public record StoredLocation(String path, int line) {
    public static final Comparator<StoredLocation> ORDER = Comparator
            .comparing((StoredLocation l) -> l.path == null ? "" : l.path)
            .thenComparingInt(StoredLocation::line);
}

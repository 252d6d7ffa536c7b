package dev.holdfast.scanner.baseline.place;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The place of the value on each line of a file: its key path ({@code payments.api-key} in properties or YAML,
 * {@code services.api.environment.STRIPE_KEY} in a compose file, {@code provider.aws.access_key} in Terraform,
 * {@code Statement[Sid=ReadReports].Action} in a JSON policy) or its assignment target ({@code PaymentsConfig.API_KEY}
 * in Java). A place survives lines added, removed or moved around it, re-indentation and line-ending changes, which
 * is what lets a fix be recognised and put back where its line now is. Files in no known format, or that do not
 * parse, have no places.
 */
public final class PlaceIndex {
    private static final PlaceIndex EMPTY = new PlaceIndex(new TreeMap<>());
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final SortedMap<Integer, String> byLine;

    PlaceIndex(SortedMap<Integer, String> byLine) {
        this.byLine = Collections.unmodifiableSortedMap(byLine);
    }

    /** The places of {@code text} read as the file at {@code path}; empty when the format is unknown or broken. */
    public static PlaceIndex of(String path, String text) {
        PlaceFormat format = PlaceFormat.of(path);
        if (format == null || text == null) {
            return EMPTY;
        }
        Claims claims = new Claims();
        try {
            format.index(text, path, claims);
        } catch (RuntimeException | StackOverflowError unparseable) {
            // A file mid-edit or in a dialect the parser refuses: no places rather than wrong ones.
            return EMPTY;
        }
        return claims.index();
    }

    /**
     * Whether {@code text} parses in its format (always true for formats without a parser, or none known). JSON is
     * read strictly here (YAML would forgive a trailing comma that breaks a JSON reader).
     */
    public static boolean readable(String path, String text) {
        PlaceFormat format = PlaceFormat.of(path);
        if (format == null) {
            return true;
        }
        try {
            if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                STRICT_JSON.readTree(text);
            }
            format.index(text, path, new Claims());
            return true;
        } catch (com.fasterxml.jackson.core.JsonProcessingException broken) {
            return false;
        } catch (RuntimeException | StackOverflowError unparseable) {
            return false;
        }
    }

    /** The place of the value on a 1-based line, when exactly one is there. */
    public Optional<String> at(int line) {
        return Optional.ofNullable(byLine.get(line));
    }

    /** The lines whose value sits at {@code place}, in order (several when the key repeats). */
    public List<Integer> lines(String place) {
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : byLine.entrySet()) {
            if (e.getValue().equals(place)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return byLine.isEmpty();
    }

    /** Every line that has a place. */
    public SortedMap<Integer, String> all() {
        return byLine;
    }
}

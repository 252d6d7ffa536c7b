package dev.holdfast.remediator.advice;

import java.util.ArrayList;
import java.util.List;

/**
 * The references to outside secrets a repository already writes ({@code ${DB_PASSWORD}},
 * {@code System.getenv("AWS_ACCESS_KEY_ID")}…), with where each was seen: names to reuse instead of inventing one.
 */
public final class ExistingReferences {

    /** One text file: its path ('/' separated) and its text. */
    public record TextFile(String path, String text) {
    }

    /** A reference seen at {@code path:line}. */
    public record Seen(String path, int line, String expression, String name) {
    }

    private final List<Seen> seen;

    private ExistingReferences(List<Seen> seen) {
        this.seen = List.copyOf(seen);
    }

    public static ExistingReferences none() {
        return new ExistingReferences(List.of());
    }

    /** Reads every reference in the files, in the files' order. */
    public static ExistingReferences scan(Iterable<TextFile> files, ReferenceCatalogue catalog) {
        List<Seen> out = new ArrayList<>();
        for (TextFile f : files) {
            String[] lines = f.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (ReferenceCatalogue.Found r : catalog.find(f.path(), lines[i])) {
                    out.add(new Seen(f.path(), i + 1, r.expression(), r.name()));
                }
            }
        }
        return new ExistingReferences(out);
    }

    public List<Seen> all() {
        return seen;
    }
}

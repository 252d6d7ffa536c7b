package dev.holdfast.cli.fidelity;

import java.util.Random;
import java.util.function.UnaryOperator;

/** A kind of file the benchmark regresses: its template, how its neighbours look and how it is reformatted. */
interface Format {
    /** Short name used in case names, e.g. {@code properties}. */
    String name();

    /** Where the file lives when the fix is made. */
    String path();

    /** Where the rename scenario moves it. */
    String renamedPath();

    /** The indentation unit ("" for formats without nesting). */
    String unit();

    /** The unit after reformatting, or null when reformatting changes {@link #reformatted()} instead. */
    String reformattedUnit();

    /** The style after reformatting, for formats without indentation. */
    default UnaryOperator<String> reformatted() {
        return UnaryOperator.identity();
    }

    /** The file before the fix and the fix; {@code several} puts two values in one fix. */
    Template template(Random r, boolean several);

    /** A new sibling of {@code near}, with the given id. */
    Doc.Line neighbour(Random r, Doc.Line near, String id);

    /** {@code line}'s text with its value changed (a neighbour edited). */
    String edit(Random r, Doc.Line line);

    /** A line's text once the file is renamed (a Java package follows its folder). */
    default String renamed(String text) {
        return text;
    }

    /** The document made valid again after lines were added, removed or moved (JSON's commas). */
    default Doc fixup(Doc doc) {
        return doc;
    }

    /** Whether its findings are values (secrets, keys): a different value pasted back applies. */
    default boolean values() {
        return true;
    }
}

package dev.holdfast.scanner.source;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.git.HistoryWalk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Where documents come from: a working tree, a whole history, or a range of commits (a {@link HistoryWalk} of a
 * commit set). Every source honours the configuration's size cap and {@code paths.ignore} and git's binary rule, so a
 * reader never restates them; a history is walked once per run and shared ({@link HistoryWalk}). The scans read
 * through the same pieces ({@link WorkingTreeSource}, {@link HistoryWalk}) with their own parallel readers.
 */
public interface Source {

    /** Receives documents one at a time: nothing is kept beyond the one being read. */
    @FunctionalInterface
    interface Sink {
        void accept(SourceDocument document) throws IOException;
    }

    /** Every document, in a stable order. */
    void read(Sink sink) throws IOException;

    /** The working tree under {@code root} (git-aware: tracked plus untracked files not ignored). */
    static Source tree(Path root, HoldfastConfig config) {
        return new TreeSource(root, config, path -> true);
    }

    /** As {@link #tree(Path, HoldfastConfig)}, only the paths {@code wanted} accepts (by name, before reading). */
    static Source tree(Path root, HoldfastConfig config, Predicate<String> wanted) {
        return new TreeSource(root, config, wanted);
    }

    /** Each distinct blob of the walk's commits once, oldest first, with the commit and path it first appeared at. */
    static Source history(HistoryWalk walk, HoldfastConfig config) {
        return new HistorySource(walk, config);
    }
}

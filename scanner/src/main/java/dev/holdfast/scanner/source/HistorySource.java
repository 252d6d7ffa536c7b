package dev.holdfast.scanner.source;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.git.HistoryWalk;
import dev.holdfast.scanner.scan.ContentSniffer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Each distinct blob of a history once, at the commit and path that introduced it: a commit shows only the paths it
 * changed against its parents (a root commit its whole tree), and only blob ids are remembered, never their text.
 */
final class HistorySource implements Source {
    private final HistoryWalk walk;
    private final HoldfastConfig config;

    HistorySource(HistoryWalk walk, HoldfastConfig config) {
        this.walk = walk;
        this.config = config;
    }

    @Override
    public void read(Sink sink) throws IOException {
        Set<ObjectId> seen = new HashSet<>();
        try (ObjectReader reader = walk.repository().newObjectReader(); RevWalk rw = new RevWalk(reader);
             TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            for (RevCommit c : walk.commits()) {
                tw.reset();
                tw.addTree(c.getTree());
                for (RevCommit p : c.getParents()) {
                    rw.parseHeaders(p);
                    tw.addTree(p.getTree());
                }
                tw.setFilter(c.getParentCount() == 0 ? TreeFilter.ALL : TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    if (FileMode.REGULAR_FILE.equals(tw.getRawMode(0)) || FileMode.EXECUTABLE_FILE.equals(
                            tw.getRawMode(0))) {
                        read(reader, tw.getObjectId(0), tw.getPathString(), c, seen, sink);
                    }
                }
            }
        }
    }

    private void read(ObjectReader reader, ObjectId blob, String path, RevCommit c, Set<ObjectId> seen, Sink sink)
            throws IOException {
        if (config.isIgnored(path) || !seen.add(blob)) {
            return;
        }
        if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > config.maxFileSize()) {
            return;
        }
        byte[] text = ContentSniffer.textOrNull(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        if (text != null) {
            sink.accept(new SourceDocument(path, c.name(), text));
        }
    }
}

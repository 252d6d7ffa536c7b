package dev.holdfast.scanner.change;

import dev.holdfast.scanner.scan.ContentSniffer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The text files of a commit's tree, within a budget: what advice reads to find the names a repository already uses.
 * Binary files, files over 256 KiB and everything past the budget are left out; the order is the tree's (by path).
 */
public final class TreeTexts {
    private static final long MAX_FILE = 256 * 1024;

    /** One text file of the tree. */
    public record Text(String path, String text) {
    }

    private TreeTexts() {
    }

    /**
     * @param commit   the commit whose tree to read, or null (nothing)
     * @param maxFiles at most this many files
     * @param maxBytes at most this many bytes in all
     */
    public static List<Text> read(Repository repo, ObjectId commit, int maxFiles, long maxBytes) throws IOException {
        return read(repo, commit, maxFiles, maxBytes, Comparator.naturalOrder(), b -> true);
    }

    /**
     * As above, reading the files in {@code first}'s order of their paths (the budget goes to the likeliest files),
     * and keeping only those whose bytes {@code wanted} accepts (a cheap pre-check before decoding).
     */
    public static List<Text> read(Repository repo, ObjectId commit, int maxFiles, long maxBytes,
                                  Comparator<String> first, Predicate<byte[]> wanted) throws IOException {
        List<Text> out = new ArrayList<>();
        if (commit == null) {
            return out;
        }
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader);
             TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.addTree(rw.parseCommit(commit).getTree());
            Map<String, ObjectId> files = new TreeMap<>(first.thenComparing(Comparator.naturalOrder()));
            while (tw.next()) {
                int mode = tw.getRawMode(0);
                if (mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits()) {
                    files.put(tw.getPathString(), tw.getObjectId(0));
                }
            }
            long bytes = 0;
            for (Map.Entry<String, ObjectId> f : files.entrySet()) {
                if (out.size() >= maxFiles || bytes >= maxBytes) {
                    break;
                }
                long size = reader.getObjectSize(f.getValue(), Constants.OBJ_BLOB);
                if (size > MAX_FILE) {
                    continue;
                }
                bytes += size;
                byte[] text = ContentSniffer.textOrNull(reader.open(f.getValue(), Constants.OBJ_BLOB).getCachedBytes());
                if (text != null && wanted.test(text)) {
                    out.add(new Text(f.getKey(), new String(text, StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }
}

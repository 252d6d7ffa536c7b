package dev.holdfast.scanner.git;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each unique blob of a history was introduced: the oldest commit (by its ordinal in the oldest-first walk) and
 * the path it was first seen at; within one commit the path the tree walk reaches first. A compact open-addressed
 * map (JGit's own), one entry per unique blob, about 50 bytes each: the one part of a history scan that grows with
 * the history, as git's own object walks do.
 */
final class BlobIntroductions {
    private final ObjectIdOwnerMap<Entry> map = new ObjectIdOwnerMap<>();

    static final class Entry extends ObjectIdOwnerMap.Entry {
        int ordinal;
        String path;

        Entry(AnyObjectId id, int ordinal, String path) {
            super(id);
            this.ordinal = ordinal;
            this.path = path;
        }
    }

    /** The versions of one path to scan, oldest first: the blobs introduced at that path. */
    record PathHistory(String path, List<ObjectId> blobs) {
    }

    Entry get(AnyObjectId id) {
        return map.get(id);
    }

    /**
     * Records that the blob was seen at {@code path} in the commit with this ordinal; an older sighting wins, and
     * of two in one commit the one offered first.
     */
    void offer(AnyObjectId id, int ordinal, String path) {
        Entry e = map.get(id);
        if (e == null) {
            map.add(new Entry(id.copy(), ordinal, path));
        } else if (ordinal < e.ordinal) {
            e.ordinal = ordinal;
            e.path = path;
        }
    }

    /** Takes in what another walk over other commits found. */
    void addAll(BlobIntroductions other) {
        for (Entry e : other.map) {
            Entry mine = map.get(e);
            if (mine == null) {
                map.add(new Entry(e, e.ordinal, e.path));
            } else if (e.ordinal < mine.ordinal) {
                mine.ordinal = e.ordinal;
                mine.path = e.path;
            }
        }
    }

    long size() {
        return map.size();
    }

    /**
     * Every path's blobs in the order they were introduced; the paths with the most versions first, so that the
     * longest histories start early and the workers finish together.
     */
    List<PathHistory> byPath() {
        Map<String, List<Entry>> paths = new HashMap<>();
        for (Entry e : map) {
            paths.computeIfAbsent(e.path, p -> new ArrayList<>()).add(e);
        }
        List<PathHistory> out = new ArrayList<>(paths.size());
        for (Map.Entry<String, List<Entry>> p : paths.entrySet()) {
            List<Entry> entries = p.getValue();
            entries.sort(Comparator.comparingInt(e -> e.ordinal));
            out.add(new PathHistory(p.getKey(), List.copyOf(entries)));
        }
        out.sort(Comparator.comparingInt((PathHistory h) -> -h.blobs().size()).thenComparing(PathHistory::path));
        return out;
    }
}

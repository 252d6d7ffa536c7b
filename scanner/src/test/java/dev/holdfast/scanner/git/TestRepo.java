package dev.holdfast.scanner.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Builds histories for tests straight into a JGit object database (no working-tree checkout, no git binary):
 * each commit is a full tree given as path → content, with increasing commit times.
 */
final class TestRepo implements AutoCloseable {
    static final PersonIdent ALICE = new PersonIdent("Alice Example", "alice@example.com");

    final Path dir;
    final Repository repo;
    private final ObjectInserter inserter;
    private long time = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();

    TestRepo(Path dir) throws Exception {
        this.dir = dir;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            this.repo = git.getRepository();
        }
        // one pack per flush instead of a loose file per object: long histories build fast
        this.inserter = ((org.eclipse.jgit.internal.storage.file.ObjectDirectory) repo.getObjectDatabase())
                .newPackInserter();
    }

    /** A deterministic fake AWS key id, never committed to this repository as a literal. */
    static String awsKey(int seed) {
        Random r = new Random(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static Map<String, String> files(String... pathThenContent) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < pathThenContent.length; i += 2) {
            m.put(pathThenContent[i], pathThenContent[i + 1]);
        }
        return m;
    }

    ObjectId commit(String branch, Map<String, String> tree, String message, ObjectId... parents) throws IOException {
        return commit(branch, tree, ALICE, ALICE, message, parents);
    }

    /** Writes a commit with exactly {@code tree} as its content and moves {@code refs/heads/branch} to it. */
    ObjectId commit(String branch, Map<String, String> tree, PersonIdent author, PersonIdent committer,
                    String message, ObjectId... parents) throws IOException {
        Map<String, byte[]> bytes = new TreeMap<>();
        tree.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return commitBytes(branch, bytes, author, committer, message, parents);
    }

    ObjectId commitBytes(String branch, Map<String, byte[]> tree, PersonIdent author, PersonIdent committer,
                         String message, ObjectId... parents) throws IOException {
        DirCache dc = DirCache.newInCore();
        DirCacheBuilder b = dc.builder();
        for (Map.Entry<String, byte[]> e : tree.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(e.getKey());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, e.getValue()));
            b.add(entry);
        }
        b.finish();
        ObjectId treeId = dc.writeTree(inserter);
        time += 60;
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(treeId);
        cb.setParentIds(Arrays.asList(parents));
        cb.setAuthor(at(author));
        cb.setCommitter(at(committer));
        cb.setMessage(message);
        ObjectId id = inserter.insert(cb);
        if (branch != null) {
            setRef(Constants.R_HEADS + branch, id);
        }
        return id;
    }

    private PersonIdent at(PersonIdent p) {
        return new PersonIdent(p.getName(), p.getEmailAddress(), Instant.ofEpochSecond(time), ZoneOffset.UTC);
    }

    /** Makes everything inserted so far readable by other readers. */
    void flush() throws IOException {
        inserter.flush();
    }

    void setRef(String name, ObjectId id) throws IOException {
        flush();
        RefUpdate u = repo.updateRef(name);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        u.forceUpdate();
    }

    void deleteRef(String name) throws IOException {
        RefUpdate u = repo.updateRef(name);
        u.setForceUpdate(true);
        u.delete();
    }

    /** Points HEAD at a branch (symbolic) or detaches it at a commit. */
    void head(String branch) throws IOException {
        repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
    }

    void detachHead(ObjectId id) throws IOException {
        flush();
        RefUpdate u = repo.updateRef(Constants.HEAD, true);
        u.setNewObjectId(id);
        u.forceUpdate();
    }

    /** A linear chain of commits on {@code branch}, each changing "counter.txt"; returns their ids in order. */
    List<ObjectId> chain(String branch, ObjectId parent, int n, Map<String, String> base) throws IOException {
        List<ObjectId> ids = new ArrayList<>();
        ObjectId p = parent;
        for (int i = 0; i < n; i++) {
            Map<String, String> t = new TreeMap<>(base);
            t.put("counter.txt", "step " + i + "\n");
            p = p == null ? commit(branch, t, "step " + i) : commit(branch, t, "step " + i, p);
            ids.add(p);
        }
        return ids;
    }

    @Override
    public void close() {
        inserter.close();
        repo.close();
    }
}

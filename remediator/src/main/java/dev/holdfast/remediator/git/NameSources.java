package dev.holdfast.remediator.git;

import dev.holdfast.scanner.baseline.FileLineage;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.remediator.RemediationException;
import dev.holdfast.remediator.fixers.NameEvidence;
import dev.holdfast.scanner.scan.ContentSniffer;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gathers the {@link NameEvidence} the fixers read: the fix commit's and earlier versions of the file, and the
 * configuration files at HEAD. Bounded (versions, files, bytes) so that a large repository costs little; the HEAD
 * files are read once per planner.
 */
public final class NameSources {
    private static final int MAX_VERSIONS = 20;
    private static final int MAX_COMMITS = 500;
    private static final int MAX_FILES = 400;
    private static final long MAX_BYTES = 256 * 1024;

    private ObjectId filesOf;
    private List<NameEvidence.Source> files = List.of();

    /**
     * @param fixVersion the file as the ledger's fix left it, or null
     */
    public NameEvidence gather(Repository repo, RevCommit head, String path, FixRef fix, byte[] fixVersion) {
        try {
            // Earlier versions of this file only: the names it had before renames, never another file's.
            List<String> paths = FileLineage.of(repo, head, path);
            List<NameEvidence.Source> versions = new ArrayList<>();
            String fixText = text(fixVersion);
            if (fixText != null) {
                versions.add(new NameEvidence.Source(path, fixText, "fix commit " + abbreviate(fix.commit())));
            }
            versions.addAll(earlierVersions(repo, head, paths));
            List<NameEvidence.Source> others = new ArrayList<>();
            for (NameEvidence.Source s : headFiles(repo, head)) {
                if (!s.path().equals(path)) {
                    others.add(s);
                }
            }
            return new NameEvidence(versions, others);
        } catch (IOException e) {
            throw new RemediationException("cannot read the history of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Versions of the file before HEAD's, newest first, each distinct content once. */
    private static List<NameEvidence.Source> earlierVersions(Repository repo, RevCommit head, List<String> paths)
            throws IOException {
        List<NameEvidence.Source> out = new ArrayList<>();
        Set<ObjectId> seen = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head));
            ObjectId current = blob(repo, head, paths.get(0));
            if (current != null) {
                seen.add(current);
            }
            int commits = 0;
            for (RevCommit c : walk) {
                if (++commits > MAX_COMMITS || out.size() >= MAX_VERSIONS) {
                    break;
                }
                for (String p : paths) {
                    ObjectId id = blob(repo, c, p);
                    if (id != null && seen.add(id)) {
                        String t = read(repo, id);
                        if (t != null) {
                            out.add(new NameEvidence.Source(p, t, "commit " + c.abbreviate(7).name()));
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

    private List<NameEvidence.Source> headFiles(Repository repo, RevCommit head) throws IOException {
        if (head.getId().equals(filesOf)) {
            return files;
        }
        List<NameEvidence.Source> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.setRecursive(true);
            tw.addTree(head.getTree());
            while (tw.next() && out.size() < MAX_FILES) {
                String p = tw.getPathString();
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE || !configuration(p)) {
                    continue;
                }
                String t = read(repo, tw.getObjectId(0));
                if (t != null) {
                    out.add(new NameEvidence.Source(p, t, p));
                }
            }
        }
        filesOf = head.getId();
        files = List.copyOf(out);
        return files;
    }

    /** Files that name secrets by reference: config formats and dotenv declarations. */
    static boolean configuration(String path) {
        if (path.contains("node_modules/") || path.startsWith(".holdfast/")) {
            return false;
        }
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.endsWith(".properties") || file.endsWith(".yml") || file.endsWith(".yaml")
                || file.endsWith(".json") || file.endsWith(".tf") || file.endsWith(".tfvars")
                || file.equals(".env") || file.startsWith(".env.") || file.endsWith(".env")
                || file.equals("env.example");
    }

    private static ObjectId blob(Repository repo, RevCommit c, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
            return tw == null || tw.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB ? null
                    : tw.getObjectId(0);
        }
    }

    private static String read(Repository repo, ObjectId id) throws IOException {
        ObjectLoader l = repo.open(id);
        return l.getSize() > MAX_BYTES ? null : text(l.getBytes());
    }

    private static String text(byte[] b) {
        return b == null || ContentSniffer.textOrNull(b) != b ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}

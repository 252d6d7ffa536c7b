package dev.holdfast.cli.fidelity;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one case for real: builds its git repository (the leak, the reviewed fix, {@code holdfast baseline}
 * committed, a colleague's later edits, the agent's commit that undoes the fix), runs {@code holdfast fix}, and
 * compares the file on the branch it wrote with the expected bytes. A branch that keeps a secret or changes a line
 * the expected result keeps is damaging.
 */
final class CaseRunner {

    /** The CLI under test: in-process for the JUnit test, the real jar in a child process for the benchmark. */
    @FunctionalInterface
    interface Cli {
        Result run(Path repo, String command) throws Exception;
    }

    record Result(int exit, String out, String err) {
    }

    enum Verdict { EXACT, DIFFERENT, DAMAGING, NO_CHANGE }

    record Outcome(FidelityCase c, Verdict verdict, String detail) {
    }

    private static final PersonIdent ALICE = person("Alice Martin", "alice@example.com");
    private static final PersonIdent BOB = person("Bob Chen", "bob@example.com");
    private static final PersonIdent CAROL = person("Carol Diaz", "carol@example.com");
    private static final PersonIdent AGENT = person("Claude", "noreply@anthropic.com");

    private CaseRunner() {
    }

    static Outcome run(FidelityCase c, Path dir, Cli cli, long seed) throws Exception {
        FidelitySecrets secrets = new FidelitySecrets(seed, c.secrets());
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
            git.getRepository().getConfig().setBoolean("core", null, "autocrlf", false);
            git.getRepository().getConfig().save();
            write(dir, "README.md", "# shop\n".getBytes(StandardCharsets.UTF_8));
            write(dir, c.path(), secrets.expand(c.original()));
            commit(git, ALICE, 1, "Add the payments configuration", "README.md", c.path());
            write(dir, c.path(), secrets.expand(c.fixed()));
            commit(git, BOB, 2, "Read the payments secret from the environment", c.path());
            Result baseline = cli.run(dir, "baseline");
            if (baseline.exit() != 0) {
                return new Outcome(c, Verdict.NO_CHANGE, "baseline failed: " + baseline.err().strip());
            }
            commit(git, BOB, 3, "Record the reviewed baseline", ".holdfast");
            if (c.between() != null) {
                if (!c.headPath().equals(c.path())) {
                    git.rm().addFilepattern(c.path()).call();
                }
                write(dir, c.headPath(), secrets.expand(c.between()));
                commit(git, CAROL, 4, "Tidy the configuration", c.headPath());
            }
            write(dir, c.headPath(), secrets.expand(c.head()));
            String[] changed = new String[c.also().size() + 1];
            changed[0] = c.headPath();
            int i = 1;
            for (var e : c.also().entrySet()) {
                write(dir, e.getKey(), e.getValue());
                changed[i++] = e.getKey();
            }
            RevCommit agent = commit(git, AGENT, 5, "Make payments work locally\n\nCo-authored-by: Claude"
                    + " <noreply@anthropic.com>", changed);
            Result fixRun = cli.run(dir, "fix");
            return judge(c, git.getRepository(), agent, fixRun, secrets);
        }
    }

    private static Outcome judge(FidelityCase c, Repository repo, RevCommit head, Result fixRun,
                                 FidelitySecrets secrets) throws IOException {
        List<Ref> branches = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + "holdfast/");
        if (branches.isEmpty()) {
            String why = (fixRun.out() + fixRun.err()).lines().filter(l -> l.contains("manual remediation")
                    || l.startsWith("holdfast:")).findFirst().orElse("no branch").strip();
            return new Outcome(c, Verdict.NO_CHANGE, why);
        }
        byte[] expected = secrets.expand(c.expected());
        byte[] headFile = read(repo, head, c.headPath());
        for (Ref b : branches) {
            RevCommit tip = repo.parseCommit(b.getObjectId());
            byte[] got = read(repo, tip, c.headPath());
            String damage = damage(repo, head, tip, c.headPath(), headFile, got, expected, secrets);
            if (damage != null) {
                return new Outcome(c, Verdict.DAMAGING, damage);
            }
            if (Arrays.equals(got, expected)) {
                return new Outcome(c, Verdict.EXACT, b.getName().substring(Constants.R_HEADS.length()));
            }
        }
        return new Outcome(c, Verdict.DIFFERENT, firstDifference(read(repo,
                repo.parseCommit(branches.get(0).getObjectId()), c.headPath()), expected));
    }

    /**
     * Why a branch does harm, or null: it keeps a secret, touches another file, or changes a line of HEAD that the
     * expected result keeps as it is (line endings included).
     */
    private static String damage(Repository repo, RevCommit head, RevCommit tip, String path, byte[] headFile,
                                 byte[] got, byte[] expected, FidelitySecrets secrets) throws IOException {
        if (got == null) {
            return "the branch deletes " + path;
        }
        String text = new String(got, StandardCharsets.UTF_8);
        for (String s : secrets.all()) {
            if (text.contains(s)) {
                return "the branch keeps a secret in " + path;
            }
        }
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.setRecursive(true);
            tw.addTree(head.getTree());
            tw.addTree(tip.getTree());
            while (tw.next()) {
                if (!tw.getObjectId(0).equals(tw.getObjectId(1)) && !tw.getPathString().equals(path)) {
                    return "the branch also changes " + tw.getPathString();
                }
            }
        }
        Set<Integer> allowed = touched(headFile, expected);
        Set<Integer> done = touched(headFile, got);
        done.removeAll(allowed);
        return done.isEmpty() ? null : "the branch changes line " + (done.iterator().next() + 1) + " of " + path
                + ", which the reviewed fix does not";
    }

    /** The lines of {@code a} an edit to {@code b} replaces or deletes, and the gaps it inserts into (as -1 - i). */
    private static Set<Integer> touched(byte[] a, byte[] b) {
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, new RawText(a), new RawText(b));
        Set<Integer> out = new HashSet<>();
        for (Edit e : edits) {
            if (e.getLengthA() == 0) {
                out.add(-1 - e.getBeginA());
            }
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static String firstDifference(byte[] got, byte[] expected) {
        String[] g = new String(got, StandardCharsets.UTF_8).split("\n", -1);
        String[] x = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(g.length, x.length); i++) {
            String gl = i < g.length ? g[i] : "<none>";
            String xl = i < x.length ? x[i] : "<none>";
            if (!gl.equals(xl)) {
                return "line " + (i + 1) + ": expected [" + printable(xl) + "], got [" + printable(gl) + "]";
            }
        }
        return "same lines, different bytes";
    }

    /** Shows line endings; the lines compared hold references, never values (a kept secret is damage above). */
    private static String printable(String s) {
        return s.replace("\r", "\\r");
    }

    private static byte[] read(Repository repo, RevCommit c, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
            return tw == null ? null : repo.open(tw.getObjectId(0)).getBytes();
        }
    }

    private static void write(Path dir, String path, byte[] content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static RevCommit commit(Git git, PersonIdent who, int day, String message, String... paths)
            throws Exception {
        for (String p : paths) {
            git.add().addFilepattern(p).call();
        }
        PersonIdent at = new PersonIdent(who, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(86_400L * day * 7),
                ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(at).setCommitter(at).setSign(false).call();
    }

    private static PersonIdent person(String name, String email) {
        return new PersonIdent(name, email, Instant.EPOCH, ZoneOffset.UTC);
    }
}

package dev.holdfast.scanner.change;

import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.HistoryOptions;
import dev.holdfast.scanner.git.HistoryScanner;
import dev.holdfast.scanner.git.ObjectFetcher;
import dev.holdfast.scanner.push.RangeAdditions;
import dev.holdfast.scanner.push.RefUpdate;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pushes to a real bare remote, described exactly as git's pre-push hook receives them: a new branch, a fast-forward,
 * a force push, a deletion, and a push whose old value this clone lacks. {@link PushCommits} chooses the commits;
 * event mode's {@link RangeAdditions} keeps what they added.
 */
class PushScannerTest {
    private static final String ZERO = "0".repeat(40);

    @TempDir
    Path tmp;
    private Path work;
    private GitCli git;
    private final SecretGenerator gen = new SecretGenerator(18L);
    private final String key1 = gen.generate("aws-access-key-id");
    private final String key2 = gen.generate("aws-access-key-id");
    private final String token = gen.generate("github-token");

    @BeforeEach
    void cloneOfABareRemote() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Files.createDirectories(remote);
        new GitCli(remote).run("init", "-q", "--bare", "-b", "main");
        work = tmp.resolve("work");
        new GitCli(tmp).run("clone", "-q", remote.toString(), work.toString());
        git = new GitCli(work);
        write("config/app.properties", "aws.accessKeyId=" + key1 + "\nname=app\n");
        commit("first, with a key already on the remote");
        git.run("push", "-q", "origin", "HEAD:main");
    }

    @Test
    void aFastForwardScansOnlyTheNewCommits() throws Exception {
        write("ci/deploy.env", "GITHUB_TOKEN=" + token + "\n");
        commit("adds a token");
        ScanResult r = scan(line("refs/heads/main", head(), "refs/heads/main", rev("origin/main")));
        assertThat(where(r)).containsExactly("ci/deploy.env:1@" + head());
    }

    @Test
    void aNewBranchScansOnlyTheCommitsTheRemoteLacks() throws Exception {
        git.run("checkout", "-q", "-b", "feature");
        write("a.txt", "work\n");
        commit("feature work");
        String clean = head();
        write("ci/deploy.env", "GITHUB_TOKEN=" + token + "\n");
        commit("feature key");
        ScanResult r = scan(line("refs/heads/feature", head(), "refs/heads/feature", ZERO));
        assertThat(where(r)).containsExactly("ci/deploy.env:1@" + head());
        assertThat(clean).isNotEqualTo(head());
        assertThat(notes(r)).anySatisfy(n -> assertThat(n).contains("creates refs/heads/feature"));
    }

    @Test
    void aForcePushScansOnlyTheRewrittenCommits() throws Exception {
        write("b.txt", "pushed\n");
        commit("pushed second");
        git.run("push", "-q", "origin", "HEAD:main");
        String remoteTip = head();
        git.run("reset", "-q", "--hard", "HEAD~1");
        write("b.txt", "rewritten\naws.secondKey=" + key2 + "\n");
        commit("rewritten second");
        ScanResult r = scan(line("refs/heads/main", head(), "refs/heads/main", remoteTip));
        assertThat(where(r)).containsExactly("b.txt:2@" + head());
        assertThat(notes(r)).anySatisfy(n -> assertThat(n).contains("force push of refs/heads/main"));
    }

    @Test
    void aDeletionScansNothing() throws Exception {
        ScanResult r = scan("(delete) " + ZERO + " refs/heads/old " + rev("origin/main") + "\n");
        assertThat(r.findings()).isEmpty();
        assertThat(notes(r)).anySatisfy(n -> assertThat(n).contains("deletes refs/heads/old"));
    }

    @Test
    void aKeyMovedToAnotherFileIsNotAddedByThePush() throws Exception {
        Files.delete(work.resolve("config/app.properties"));
        write("config/application.yml", "aws:\n  accessKeyId: " + key1 + "\nname: app\n");
        commit("properties to yaml");
        ScanResult r = scan(line("refs/heads/main", head(), "refs/heads/main", rev("origin/main")));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aKeyAddedThenRemovedInsideThePushIsStillSentInHistory() throws Exception {
        write("tmp.env", "GITHUB_TOKEN=" + token + "\n");
        commit("oops");
        String oops = head();
        Files.delete(work.resolve("tmp.env"));
        commit("remove it again");
        ScanResult r = scan(line("refs/heads/main", head(), "refs/heads/main", rev("origin/main")));
        assertThat(where(r)).containsExactly("tmp.env:1@" + oops);
        assertThat(r.findings().get(0).properties()).containsEntry("presentAtHead", "false");
    }

    @Test
    void anOldValueThisCloneLacksIsNotedAndTheRemoteTrackingRefsBoundTheScan() throws Exception {
        write("ci/deploy.env", "GITHUB_TOKEN=" + token + "\n");
        commit("adds a token");
        String unknown = "1234567890abcdef1234567890abcdef12345678";
        ScanResult r = scan(line("refs/heads/main", head(), "refs/heads/main", unknown));
        assertThat(where(r)).containsExactly("ci/deploy.env:1@" + head());
        assertThat(notes(r)).anySatisfy(n -> assertThat(n).contains("which this clone does not have"));
    }

    @Test
    void malformedInputIsOneLineNamingTheLine() {
        assertThatThrownBy(() -> PrePushInput.parse(new StringReader("refs/heads/main abc refs/heads/main\n")))
                .hasMessage("pre-push input line 1: expected '<local ref> <local sha> <remote ref> <remote sha>', "
                        + "got 3 field(s)");
        assertThatThrownBy(() -> PrePushInput.parse(new StringReader("a " + "z".repeat(40) + " b " + ZERO)))
                .hasMessageContaining("is not a full object name");
    }

    /** The push as the pre-push hook scans it: these commits, then only what they added (event mode's rule). */
    private ScanResult scan(String stdin) throws Exception {
        List<RefUpdate> updates = PrePushInput.parse(new StringReader(stdin));
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(work.toFile()).setMustExist(true).build()) {
            CommitSet set = new PushCommits(repo).resolve(updates, "origin");
            FindingFactory factory = new FindingFactory(new Fingerprinter(FingerprintKeys.defaultKey()));
            Detector detector = RuleCatalogue.builtin().detector(v -> false);
            ScanResult r = new ScanResult(new ScanTarget(work.toString(), null, "range"), List.of(), Map.of(),
                    set.warnings(), false);
            if (!set.starts().isEmpty()) {
                ScanResult all = new HistoryScanner(CommitAuthorClassifier.builtin()).scan(repo, work.toString(),
                        detector, factory, HistoryOptions.commits(set));
                r = new RangeAdditions(repo, detector, factory, CommitAuthorClassifier.builtin(), ObjectFetcher.NONE)
                        .keepAdded(all, set).added();
            }
            String shown = r.findings().toString() + r.warnings();
            assertThat(shown).doesNotContain(key1).doesNotContain(key2).doesNotContain(token);
            return r;
        }
    }

    private static String line(String localRef, String local, String remoteRef, String remote) {
        return localRef + " " + local + " " + remoteRef + " " + remote + "\n";
    }

    private static List<String> where(ScanResult r) {
        return r.findings().stream().map(f -> f.location().path() + ":" + f.location().line() + "@"
                + f.location().commit()).distinct().toList();
    }

    private static List<String> notes(ScanResult r) {
        return r.warnings().stream().map(ScanWarning::reason).toList();
    }

    private void write(String path, String content) throws Exception {
        Path f = work.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private void commit(String message) throws Exception {
        git.run("add", "-A");
        git.run("commit", "-q", "-m", message);
    }

    private String head() throws Exception {
        return rev("HEAD");
    }

    private String rev(String spec) throws Exception {
        return git.run("rev-parse", spec).strip();
    }
}

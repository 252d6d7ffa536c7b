package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input for event mode and for clones that lack what a scan needs: a malformed or unknown event, a missing
 * commit, a shallow clone, a partial clone ({@code --filter=blob:none}), a repository with a missing object. Each is
 * exit 2 or 3 with one line that says what is missing and what to do — never a silent whole-history scan, never
 * "clean" — or, for a partial clone, a scan that fetched what it needed from the remote.
 */
class IncompleteCloneTest {
    private static final String ALICE = "Alice Martin <alice@example.com>";

    @TempDir
    Path tmp;

    private final SecretGenerator secrets = new SecretGenerator(7L);

    private static Map<String, String> push(String before, String after) {
        return Map.of("REF", "refs/heads/main", "BEFORE", before, "AFTER", after, "CREATED", "false",
                "DELETED", "false", "FORCED", "false");
    }

    private static void oneLine(CliRunner.Run r, int exit, String... says) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(exit);
        String err = r.err().strip();
        assertThat(err.lines()).as(err).hasSize(1);
        assertThat(err).startsWith("holdfast: ").contains(says);
    }

    /** A remote with two commits: the key added, then moved down by a comment. */
    private record Story(GitRemote remote, String first, String second, String key) {
    }

    private Story story() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String key = secrets.generate("aws-access-key-id");
        String c1 = g.commit(ALICE, "Configure", "config/app.yml", "key: " + key + "\n");
        String c2 = g.commit(ALICE, "Document", "config/app.yml", "# the uploader's key\nkey: " + key + "\n",
                "README.md", "docs\n");
        g.push("main");
        return new Story(g, c1, c2, key);
    }

    @Test
    void malformedUnknownAndIncompleteEventsAreUsageErrorsOnOneLine() throws Exception {
        Story s = story();
        Path ci = s.remote().ciClone("ci", s.second());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"ref\": \"refs/heads/main\", \"before\": ", StandardCharsets.UTF_8);
        oneLine(CliRunner.run("scan", ci.toString(), "--event", broken.toString(), "--event-name", "push"),
                ExitCode.USAGE, "event file " + broken, "not valid JSON");

        Path push = s.remote().event("push", push(s.first(), s.second()));
        oneLine(CliRunner.run("scan", ci.toString(), "--event", push.toString(), "--event-name", "issue_comment"),
                ExitCode.USAGE, "event 'issue_comment' is not one holdfast scans");

        Path noAfter = tmp.resolve("no-after.json");
        Files.writeString(noAfter, "{\"ref\": \"refs/heads/main\", \"before\": \"" + s.first() + "\"}");
        oneLine(CliRunner.run("scan", ci.toString(), "--event", noAfter.toString(), "--event-name", "push"),
                ExitCode.USAGE, "(push): 'after' must be a 40-digit commit id");

        // Defaults come from the runner's environment; without them there is nothing to go on.
        oneLine(CliRunner.run(Map.of(), "scan", ci.toString(), "--event"), ExitCode.USAGE, "no event name");
        CliRunner.Run fromEnv = CliRunner.run(Map.of("GITHUB_EVENT_PATH", push.toString(), "GITHUB_EVENT_NAME", "push"),
                "scan", ci.toString(), "--event", "--format", "json");
        assertThat(fromEnv.exit()).as(fromEnv.err()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aPushedCommitNobodyHasIsARuntimeErrorNamingIt() throws Exception {
        Story s = story();
        Path ci = s.remote().ciClone("ci", s.second());
        String nowhere = "1234567890abcdef1234567890abcdef12345678";
        oneLine(CliRunner.run("scan", ci.toString(), "--event",
                        s.remote().event("push", push(s.second(), nowhere)).toString(), "--event-name", "push"),
                ExitCode.RUNTIME, "the pushed commit 1234567890ab (branch main) is not in the clone",
                "could not be fetched");
    }

    @Test
    void aShallowCloneNeverScansAGuessedRangeNorReportsAPartialHistoryAsClean() throws Exception {
        Story s = story();
        Path ci = s.remote().ciClone("ci-shallow", s.second(), "--depth", "1");
        assertThat(Files.exists(ci.resolve(".git/shallow"))).isTrue();
        oneLine(CliRunner.run("scan", ci.toString(), "--event",
                        s.remote().event("push", push(s.first(), s.second())).toString(), "--event-name", "push"),
                ExitCode.RUNTIME, "shallow clone", "fetch-depth: 0");

        CliRunner.Run history = CliRunner.run("scan", ci.toString(), "--history", "--no-progress");
        assertThat(history.exit()).isEqualTo(ExitCode.RUNTIME);
        assertThat(history.all()).contains("shallow clone").contains("not reporting clean");
    }

    @Test
    void aPartialCloneFetchesTheBlobsItNeedsOrSaysWhatIsMissingAndHowToGetIt() throws Exception {
        Story s = story();
        Path partial = s.remote().ciClone("ci-partial", s.second(), "--filter=blob:none");
        assertThat(GitRemote.git(partial, "config", "remote.origin.promisor").strip()).isEqualTo("true");
        String oldBlob = GitRemote.git(partial, "rev-parse", s.first() + ":config/app.yml").strip();
        assertThat(GitRemote.missing(partial)).as("blob:none left the old version out").contains(oldBlob);

        // Without fetching, the key's first version is out of reach: one line, the blob, its path, what to do.
        oneLine(CliRunner.run("scan", partial.toString(), "--no-fetch"), ExitCode.RUNTIME,
                "blob " + oldBlob.substring(0, 12), "config/app.yml", "partial clone", "git fetch --refetch");

        // The push is judged on what it adds (nothing: the key moved), the tree attributes the key to its author.
        CliRunner.Run push = CliRunner.run("scan", partial.toString(), "--event",
                s.remote().event("push", push(s.first(), s.second())).toString(), "--event-name", "push",
                "--format", "json", "--no-progress");
        assertThat(push.exit()).as(push.err()).isEqualTo(ExitCode.OK);
        CliRunner.Run tree = CliRunner.run("scan", partial.toString(), "--format", "json", "--fail-on", "none");
        assertThat(tree.exit()).as(tree.err()).isEqualTo(ExitCode.OK);
        JsonNode f = new ObjectMapper().readTree(tree.out()).at("/findings/0");
        assertThat(f.at("/introducedBy/commit").asText()).isEqualTo(s.first());

        // `holdfast baseline` mines every version: the partial clone's blobs are fetched first.
        Path partial2 = s.remote().ciClone("ci-partial-2", s.second(), "--filter=blob:none");
        CliRunner.Run baseline = CliRunner.run("baseline", partial2.toString());
        assertThat(baseline.exit()).as(baseline.err()).isEqualTo(ExitCode.OK);
        assertThat(baseline.out()).contains("1 open");
    }

    @Test
    void aRepositoryMissingAnObjectFailsOnOneLineNamingItNeverClean() throws Exception {
        Story s = story();
        Path ci = s.remote().ciClone("ci-damaged", s.second());
        // Unpack so that each object is a file, then lose the key's first version.
        Path pack = Files.list(ci.resolve(".git/objects/pack")).filter(p -> p.toString().endsWith(".pack"))
                .findFirst().orElseThrow();
        Path moved = tmp.resolve("objects.pack");
        Files.move(pack, moved);
        Files.delete(Path.of(pack.toString().replace(".pack", ".idx")));
        Process p = new ProcessBuilder("git", "unpack-objects", "-q").directory(ci.toFile())
                .redirectInput(moved.toFile()).start();
        assertThat(p.waitFor()).isZero();
        String oldBlob = GitRemote.git(ci, "rev-parse", s.first() + ":config/app.yml").strip();
        Files.delete(ci.resolve(".git/objects/" + oldBlob.substring(0, 2) + "/" + oldBlob.substring(2)));

        oneLine(CliRunner.run("scan", ci.toString()), ExitCode.RUNTIME, "blob " + oldBlob.substring(0, 12),
                "config/app.yml", "incomplete or damaged", "git fsck");
        oneLine(CliRunner.run("scan", ci.toString(), "--history", "--no-progress"), ExitCode.RUNTIME,
                "blob " + oldBlob.substring(0, 12), "incomplete or damaged");
    }
}

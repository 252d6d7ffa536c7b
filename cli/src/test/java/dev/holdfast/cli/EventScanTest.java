package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.reports.sarif.LineHash;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code holdfast scan PATH --event FILE --event-name NAME} replayed with realistic payloads
 * ({@code src/test/resources/events}) against fresh {@code git clone --no-local} clones of a bare remote that serves
 * unreachable commits by id, as GitHub does: what each event gates on, and the SARIF that describes the head.
 */
class EventScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = "0".repeat(40);
    private static final String ALICE = "Alice Martin <alice@example.com>";
    private static final String BOB = "Bob Chen <bob@example.com>";

    @TempDir
    Path tmp;

    private final SecretGenerator secrets = new SecretGenerator(20261206L);

    private static Map<String, String> push(String ref, String before, String after, boolean forced) {
        return Map.of("REF", ref, "BEFORE", before, "AFTER", after, "CREATED", String.valueOf(before.equals(ZERO)),
                "DELETED", String.valueOf(after.equals(ZERO)), "FORCED", String.valueOf(forced));
    }

    private static CliRunner.Run scan(Path clone, Path event, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", clone.toString(), "--event", event.toString(),
                "--event-name", name, "--format", "json", "--no-progress"));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static JsonNode findings(CliRunner.Run r) throws Exception {
        return JSON.readTree(r.out()).get("findings");
    }

    @Test
    void aPushIsGatedOnWhatItAddsAndAPushThatOnlyMovesAKeyAroundIsClean() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String c1 = g.commit(ALICE, "Start the uploader", "README.md", "# uploader\n");
        g.push("main");
        String key = secrets.generate("aws-access-key-id");
        String c2 = g.commit(ALICE, "Configure S3", "config/app.yml", "storage:\n  key: " + key + "\n");
        g.push("main");

        Path ci = g.ciClone("ci-add", c2);
        CliRunner.Run added = scan(ci, g.event("push", push("refs/heads/main", c1, c2, false)), "push");
        assertThat(added.exit()).as(added.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(findings(added)).singleElement().satisfies(f -> {
            assertThat(f.at("/status").asText()).isEqualTo("new");
            assertThat(f.at("/introducedBy/commit").asText()).isEqualTo(c2);
        });
        assertThat(JSON.readTree(added.out()).at("/target/scope").asText()).startsWith("push to branch main: 1 commit");

        // Comments above and beside it, the block re-indented, a line added: the key is still Alice's.
        String moved = "# Storage settings\n# rotated by ops once a year\n\nstorage:\n    region: eu-west-1\n"
                + "    key: " + key + "   # legacy, see OPS-12\n";
        String c3 = g.commit(BOB, "Document the storage settings", "config/app.yml", moved);
        g.push("main");
        Path ci2 = g.ciClone("ci-move", c3);
        Path sarif = tmp.resolve("move.sarif");
        CliRunner.Run shifted = scan(ci2, g.event("push", push("refs/heads/main", c2, c3, false)), "push",
                "--report", "sarif=" + sarif);
        assertThat(shifted.exit()).as(shifted.err()).isEqualTo(ExitCode.OK);
        assertThat(findings(shifted)).isEmpty();
        assertThat(shifted.err()).contains("1 finding(s) in the scanned files were already there");

        // Code scanning still gets the key, on the head's line, hashed as GitHub hashes that file at that commit.
        JsonNode results = JSON.readTree(sarif.toFile()).at("/runs/0/results");
        assertThat(results).singleElement().satisfies(res -> {
            assertThat(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("config/app.yml");
            assertThat(res.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(6);
            assertThat(res.at("/partialFingerprints/primaryLocationLineHash").asText())
                    .isEqualTo(LineHash.forLine(moved, 6));
            assertThat(res.at("/properties/introducedBy/commit").asText()).isEqualTo(c2);
        });
        assertThat(added.all() + shifted.all()).doesNotContain(key);
    }

    @Test
    void aBranchOrTagCreatedAtAnExistingCommitScansNothingNewAndANewBranchOnlyItsOwnCommits() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String key = secrets.generate("aws-access-key-id");
        g.commit(ALICE, "Start", "README.md", "# uploader\n", "config/app.yml", "key: " + key + "\n");
        String tip = g.commit(ALICE, "More", "README.md", "# uploader, v2\n");
        g.push("main");
        g.push("main:refs/heads/release");
        GitRemote.git(g.dev, "tag", "-a", "v1.0", "-m", "release 1.0", tip);
        g.push("v1.0");

        Path ci = g.ciClone("ci", tip);
        CliRunner.Run branch = scan(ci, g.event("push", push("refs/heads/release", ZERO, tip, false)), "push");
        assertThat(branch.exit()).as(branch.err()).isEqualTo(ExitCode.OK);
        assertThat(findings(branch)).isEmpty();
        assertThat(branch.err()).contains("branch release was created at " + tip.substring(0, 12))
                .contains("nothing new to scan");

        // GitHub's "after" for an annotated tag is the tag object: it is peeled to its commit.
        String tagObject = GitRemote.git(ci, "rev-parse", "refs/tags/v1.0").strip();
        assertThat(tagObject).isNotEqualTo(tip);
        CliRunner.Run tag = scan(ci, g.event("push", push("refs/tags/v1.0", ZERO, tagObject, false)), "push");
        assertThat(tag.exit()).as(tag.err()).isEqualTo(ExitCode.OK);
        assertThat(findings(tag)).isEmpty();
        assertThat(tag.err()).contains("tag v1.0 was created at");

        // A branch with commits of its own: only those are new.
        GitRemote.git(g.dev, "checkout", "-q", "-b", "feature");
        String token = secrets.generate("github-token");
        String f1 = g.commit(BOB, "Release script", "scripts/release.sh", "export GITHUB_TOKEN=" + token + "\n");
        g.push("feature");
        Path ci2 = g.ciClone("ci-feature", f1);
        CliRunner.Run feature = scan(ci2, g.event("push", push("refs/heads/feature", ZERO, f1, false)), "push");
        assertThat(feature.exit()).as(feature.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(findings(feature)).singleElement().satisfies(f ->
                assertThat(f.at("/location/path").asText()).isEqualTo("scripts/release.sh"));
        assertThat(feature.err()).contains("new branch feature: 1 commit that no other branch or tag has");
    }

    @Test
    void aForcePushFetchesTheOldHeadByIdAndFallsBackToWhatNoOtherRefHoldsWhenItIsGone() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String base = g.commit(ALICE, "Start", "README.md", "# uploader\n");
        g.push("main");
        String oldKey = secrets.generate("aws-access-key-id");
        String old = g.commit(ALICE, "Try a key", "config/old.yml", "key: " + oldKey + "\n");
        g.push("main");
        // history rewritten: main now holds a sibling of the old head, with a key of its own
        GitRemote.git(g.dev, "reset", "-q", "--hard", base);
        String newKey = secrets.generate("aws-access-key-id");
        String rewritten = g.commit(BOB, "Configure properly", "config/new.yml", "key: " + newKey + "\n");
        g.push("--force", "main");

        Path ci = g.ciClone("ci-force", rewritten);
        assertThat(GitRemote.has(ci, old)).as("the clone never had the old head").isFalse();
        CliRunner.Run r = scan(ci, g.event("push", push("refs/heads/main", old, rewritten, true)), "push");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.err()).contains("force push to branch main: 1 commit that " + rewritten.substring(0, 12)
                + " has and " + old.substring(0, 12) + " had not").contains("fetched from origin");
        assertThat(GitRemote.has(ci, old)).as("fetched by id from the remote").isTrue();
        assertThat(findings(r)).singleElement().satisfies(f ->
                assertThat(f.at("/location/path").asText()).isEqualTo("config/new.yml"));

        // A server that does not have the old head (collected, or never sent to it): what no other ref holds, said
        // so — never the whole history.
        GitRemote forgetful = new GitRemote(Files.createDirectories(tmp.resolve("forgetful")));
        String base2 = forgetful.commit(ALICE, "Start", "README.md", "# uploader\n");
        forgetful.push("main");
        forgetful.push("main:refs/heads/stable");
        String gone1 = forgetful.commit(ALICE, "Try a key", "config/old.yml", "key: " + oldKey + "\n");
        GitRemote.git(forgetful.dev, "reset", "-q", "--hard", base2);
        String rewritten2 = forgetful.commit(BOB, "Configure properly", "config/new.yml", "key: " + newKey + "\n");
        forgetful.push("--force", "main");
        Path ci2 = forgetful.ciClone("ci-gone", rewritten2);
        CliRunner.Run gone = scan(ci2, forgetful.event("push", push("refs/heads/main", gone1, rewritten2, true)),
                "push");
        assertThat(gone.exit()).as(gone.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(gone.err()).contains("the previous head " + gone1.substring(0, 12) + " of branch main is not in the "
                + "clone and could not be fetched");
        assertThat(findings(gone)).singleElement().satisfies(f ->
                assertThat(f.at("/location/path").asText()).isEqualTo("config/new.yml"));
        assertThat(JSON.readTree(gone.out()).at("/warnings/0/reason").asText()).contains("no other branch or tag");
    }

    @Test
    void aPullRequestAndAMergeGroupScanFromTheMergeBaseToTheHead() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String key = secrets.generate("aws-access-key-id");
        String base = g.commit(ALICE, "Start", "app/settings.py", "KEY = \"" + key + "\"\n");
        g.push("main");
        GitRemote.git(g.dev, "checkout", "-q", "-b", "retry-uploads");
        String token = secrets.generate("github-token");
        g.commit("Copilot <198982749+Copilot@users.noreply.github.com>", "Retry uploads",
                "app/settings.py", "import os\n\nif True:\n    KEY = \"" + key + "\"\n",
                "scripts/ci.sh", "TOKEN=" + token + "\n");
        String head = g.commit(BOB, "Tidy", "README.md", "retries\n");
        g.push("retry-uploads");
        GitRemote.git(g.dev, "checkout", "-q", "main");
        String mainAhead = g.commit(ALICE, "Docs", "docs/index.md", "docs\n");
        g.push("main");

        Path ci = g.ciClone("ci-pr", head);
        CliRunner.Run pr = scan(ci, g.event("pull_request", Map.of("BASE", mainAhead, "HEAD", head,
                "BEFORE", base)), "pull_request");
        assertThat(pr.exit()).as(pr.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(findings(pr)).singleElement().satisfies(f -> {
            assertThat(f.at("/location/path").asText()).isEqualTo("scripts/ci.sh");
            assertThat(f.at("/introducedBy/kind").asText()).isEqualTo("agent");
        });
        assertThat(pr.err()).contains("pull request #42: 2 commits from the merge base of");

        CliRunner.Run queue = scan(ci, g.event("merge_group", Map.of("BASE", mainAhead, "HEAD", head)),
                "merge_group");
        assertThat(queue.exit()).as(queue.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(findings(queue)).hasSize(1);
    }

    @Test
    void theNightlySarifPlacesAMovedKeyOnTheHeadsLineAndLeavesHistoryOnlyFindingsOut() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String key = secrets.generate("aws-access-key-id");
        String gone = secrets.generate("aws-access-key-id");
        g.commit(ALICE, "Start", "config/app.yml", "key: " + key + "\n", "tmp/scratch.txt", "old " + gone + "\n");
        g.commit(BOB, "Drop the scratch file", "tmp/scratch.txt", "nothing\n");
        String body = "# settings\n# for the uploader\nregion: eu-west-1\nbucket: uploads\nkey: " + key + "\n";
        String head = g.commit(BOB, "Document settings", "config/app.yml", body);
        g.push("main");

        Path ci = g.ciClone("ci-nightly", head);
        Path sarif = tmp.resolve("nightly.sarif");
        CliRunner.Run r = scan(ci, g.event("schedule", Map.of()), "schedule", "--report", "sarif=" + sarif,
                "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        // The JSON keeps the whole history: the key at the head, the removed one where it was.
        assertThat(findings(r)).hasSize(2);
        JsonNode results = JSON.readTree(sarif.toFile()).at("/runs/0/results");
        assertThat(results).singleElement().satisfies(res -> {
            assertThat(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("config/app.yml");
            assertThat(res.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
            assertThat(res.at("/partialFingerprints/primaryLocationLineHash").asText())
                    .isEqualTo(LineHash.forLine(body, 5));
        });
        assertThat(JSON.readTree(sarif.toFile()).at("/runs/0/properties/holdfast~1historyOnlyFindings").asInt())
                .isEqualTo(1);
        assertThat(r.err()).contains("schedule: every commit reachable from any ref");
    }

    @Test
    void aDeletedBranchScansNothingAndWritesNoSarifThatWouldCloseEveryAlert() throws Exception {
        GitRemote g = new GitRemote(tmp);
        String c1 = g.commit(ALICE, "Start", "README.md", "# uploader\n");
        g.push("main");
        Path ci = g.ciClone("ci", c1);
        Path sarif = tmp.resolve("deleted.sarif");
        Path summary = tmp.resolve("summary.md");
        CliRunner.Run r = scan(ci, g.event("push", push("refs/heads/old-feature", c1, ZERO, false)), "push",
                "--report", "sarif=" + sarif, "--report", "markdown=" + summary);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(sarif).doesNotExist();
        assertThat(Files.readString(summary, StandardCharsets.UTF_8)).contains("push deleted branch old-feature");
    }
}

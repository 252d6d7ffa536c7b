package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story with the real CLI and rules: a person moves a key to {@code ${PAYMENTS_API_KEY}}; a colleague adds
 * a line right below it; an agent puts a key back. The reviewed line comes back — not a guessed
 * {@code ${STRIPE_SECRET_KEY}} — with the new neighbour kept, whether the agent pasted the same key or another one.
 */
class ReapplyAtTheFindingTest {
    private static final String PATH = "src/main/resources/application.properties";

    @TempDir
    Path tmp;
    private Path dir;
    private Git git;
    private RevCommit fix;
    private final String key = stripeKey(1);
    private final String otherKey = stripeKey(2);

    @BeforeEach
    void fixedThenNeighbourAdded() throws Exception {
        dir = tmp.resolve("shop");
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
        git.getRepository().getConfig().save();
        commit("Alice Martin", "alice@example.com", 1, "Configure payments",
                "app.name=shop\npayments.api-key=" + key + "\npayments.timeout=30s\n");
        fix = commit("Bob Chen", "bob@example.com", 2, "Read the payments key from the environment",
                "app.name=shop\npayments.api-key=${PAYMENTS_API_KEY}\npayments.timeout=30s\n");
        assertThat(SharedDetectorCli.run("baseline", dir).exit()).isZero();
        git.add().addFilepattern(".holdfast").call();
        commit("Bob Chen", "bob@example.com", 3, "Record the baseline", null);
        commit("Carol Diaz", "carol@example.com", 4, "Retry payments",
                "app.name=shop\npayments.api-key=${PAYMENTS_API_KEY}\npayments.retries=3\npayments.timeout=30s\n");
    }

    @Test
    void theAdjacentLineCaseRestoresTheReviewedReferenceAndKeepsTheNewNeighbour() throws Exception {
        agentPuts(key);
        String expected = "app.name=shop\npayments.api-key=${PAYMENTS_API_KEY}\npayments.retries=3\n"
                + "payments.timeout=30s\n";

        CliRunner.Run dry = SharedDetectorCli.run("fix", dir, "--dry-run");

        assertThat(dry.exit()).as(dry.err()).isEqualTo(ExitCode.OK);
        assertThat(dry.out()).contains("# +payments.api-key=${PAYMENTS_API_KEY}", "#  payments.retries=3",
                "GIT binary patch", "own lines back at line 2 of " + PATH)
                .doesNotContain("STRIPE_SECRET_KEY", key);
        Path patch = tmp.resolve("fix.patch");
        Files.writeString(patch, dry.out());
        Process apply = new ProcessBuilder("git", "apply", patch.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String applied = new String(apply.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(apply.waitFor()).as(applied).isZero();
        assertThat(Files.readString(dir.resolve(PATH))).isEqualTo(expected);
        git.checkout().addPath(PATH).call();

        CliRunner.Run run = SharedDetectorCli.run("fix", dir);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(onTheBranch()).isEqualTo(expected);
    }

    @Test
    void aDifferentValueWhereTheFixPutTheReferenceIsRegressedNamesTheFixAndFixRestoresIt() throws Exception {
        RevCommit agent = agentPuts(otherKey);

        CliRunner.Run scan = SharedDetectorCli.run("scan", dir, "--format", "json", "--fail-on", "regressed");

        assertThat(scan.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode findings = new ObjectMapper().readTree(scan.out()).path("findings");
        assertThat(findings).hasSize(1);
        JsonNode f = findings.get(0);
        assertThat(f.path("ruleId").asText()).isEqualTo("stripe-secret-key");
        assertThat(f.path("status").asText()).isEqualTo("regressed");
        assertThat(f.path("fixedBy").path("commit").asText()).isEqualTo(fix.name());
        assertThat(f.path("introducedBy").path("commit").asText()).isEqualTo(agent.name());
        assertThat(f.path("introducedBy").path("kind").asText()).isEqualTo("agent");
        assertThat(f.path("properties").path("fixedPlace").asText()).isEqualTo("payments.api-key");
        assertThat(f.path("properties").path("fixedReference").asText()).isEqualTo("${PAYMENTS_API_KEY}");
        assertThat(scan.all()).doesNotContain(otherKey).doesNotContain(key);
        CliRunner.Run text = SharedDetectorCli.run("scan", dir);
        assertThat(text.out()).contains("REGRESSED", "undoes the fix " + fix.name().substring(0, 10));

        CliRunner.Run run = SharedDetectorCli.run("fix", dir);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(onTheBranch()).isEqualTo("app.name=shop\npayments.api-key=${PAYMENTS_API_KEY}\n"
                + "payments.retries=3\npayments.timeout=30s\n");
        assertThat(run.all()).doesNotContain(otherKey);
    }

    @Test
    void theValueInAnotherFileIsFixedWithTheNameTheRepositoryUsesForTheSameKey() throws Exception {
        // The original file keeps its reference; the key is back in a profile the fix never touched.
        Files.writeString(dir.resolve("src/main/resources/application-prod.properties"),
                "payments.api-key=" + key + "\n");
        git.add().addFilepattern("src/main/resources/application-prod.properties").call();
        commit("Claude", "noreply@anthropic.com", 5, "Prod profile\n\nCo-authored-by: Claude <noreply@anthropic.com>",
                null);

        CliRunner.Run dry = SharedDetectorCli.run("fix", dir, "--dry-run");

        assertThat(dry.exit()).as(dry.err()).isEqualTo(ExitCode.OK);
        assertThat(dry.out()).contains("# +payments.api-key=${PAYMENTS_API_KEY}", "### Reference names",
                "PAYMENTS_API_KEY comes from " + PATH + ", which refers to the same key (payments.api-key) by it")
                .doesNotContain("STRIPE_SECRET_KEY", key);
    }

    private RevCommit agentPuts(String value) throws Exception {
        return commit("Claude", "noreply@anthropic.com", 5, "Make payments work locally\n\nCo-authored-by: Claude"
                + " <noreply@anthropic.com>", "app.name=shop\npayments.api-key=" + value + "\npayments.retries=3\n"
                + "payments.timeout=30s\n");
    }

    private String onTheBranch() throws Exception {
        Repository repo = git.getRepository();
        List<Ref> branches = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + "holdfast/");
        assertThat(branches).hasSize(1);
        RevCommit tip = repo.parseCommit(branches.get(0).getObjectId());
        try (TreeWalk tw = TreeWalk.forPath(repo, PATH, tip.getTree())) {
            return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private RevCommit commit(String name, String email, int day, String message, String content) throws Exception {
        if (content != null) {
            Path file = dir.resolve(PATH);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            git.add().addFilepattern(PATH).call();
        }
        PersonIdent who = new PersonIdent(name, email, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(86_400L * day),
                ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** A Stripe-shaped key made at test time, so none is committed. */
    private static String stripeKey(int seed) {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random r = new Random(seed * 7919L);
        StringBuilder sb = new StringBuilder("sk" + "_live_");
        for (int i = 0; i < 24; i++) {
            sb.append(alnum.charAt(r.nextInt(alnum.length())));
        }
        return sb.toString();
    }
}

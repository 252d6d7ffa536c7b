package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;
import dev.holdfast.remediator.git.BranchWriter;
import dev.holdfast.remediator.git.GitFiles;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-show at library level: a person removes a hardcoded key (environment reference instead), an AI
 * agent puts it back; the fix is re-applied as a patch that applies, then as one commit on a holdfast/ branch, with
 * the user's checkout untouched and a second run changing nothing.
 */
class RegressionScenarioTest {
    private static final String PATH = DriftScenario.PATH;
    private static final PersonIdent HOLDFAST = new PersonIdent("Holdfast", "holdfast@users.noreply.github.com",
            Instant.parse("2026-04-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private final Secrets secrets = new Secrets();
    private DriftScenario scenario;
    private TestRepo repo;
    private RevCommit fix;

    @BeforeEach
    void scenario() throws Exception {
        scenario = new DriftScenario(tmp.resolve("repo"), secrets);
        repo = scenario.repo;
        fix = scenario.fix;
    }

    private Finding regressedFinding() throws Exception {
        return scenario.finding();
    }

    @Test
    void reappliesTheOriginalFixAsAPatchThatApplies() throws Exception {
        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier())
                .plan(repo.git.getRepository(), List.of(regressedFinding()));

        assertThat(plan.manual()).isEmpty();
        assertThat(plan.fixes()).hasSize(1);
        Fix fixed = plan.fixes().get(0);
        assertThat(fixed.strategy()).isEqualTo(Strategy.REAPPLY);
        assertThat(fixed.edits().get(0).afterText())
                .contains("System.getenv(\"AWS_ACCESS_KEY_ID\")")
                .contains("import java.util.Objects;")
                .contains("return REGION;")
                .doesNotContain(secrets.get("AWS_KEY_1"));

        String patch = PatchRenderer.render(fixed.edits());
        assertThat(patch).startsWith("diff --git a/" + PATH + " b/" + PATH + "\n--- a/" + PATH + "\n+++ b/" + PATH)
                .contains("+    private static final String AWS_KEY = System.getenv(\"AWS_ACCESS_KEY_ID\");");
        repo.git.apply().setPatch(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8))).call();
        assertThat(repo.read(PATH)).isEqualTo(fixed.edits().get(0).afterText());
        GitCli.applyCheckIfAvailable(repo.dir, patch, true);
    }

    @Test
    void printsASafePatchThatGitAppliesWithoutTheSecret() throws Exception {
        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier())
                .plan(repo.git.getRepository(), List.of(regressedFinding()));
        Fix fixed = plan.fixes().get(0);
        String key = secrets.get("AWS_KEY_1");

        String patch = SafePatch.render(fixed.edits(), (path, line) -> line.replace(key, Redactor.redact(key)));

        assertThat(patch).doesNotContain(key)
                .contains("# +    private static final String AWS_KEY = System.getenv(\"AWS_ACCESS_KEY_ID\");")
                .contains("# -    private static final String AWS_KEY = \"" + Redactor.redact(key) + "\";")
                .contains("GIT binary patch");
        GitCli.apply(repo.dir, patch);
        assertThat(repo.read(PATH)).isEqualTo(fixed.edits().get(0).afterText());
    }

    @Test
    void writesOneCommitOnAHoldfastBranchWithoutTouchingTheCheckout() throws Exception {
        var git = repo.git.getRepository();
        String headBefore = git.resolve("HEAD").name();
        String workingFile = repo.read(PATH);
        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(git, List.of(regressedFinding()));
        Fix fixed = plan.fixes().get(0);
        String branch = FixNames.branch(fixed);

        BranchWriter.Outcome first = new BranchWriter(HOLDFAST)
                .write(git, plan.headCommit(), fixed.edits(), branch, FixNames.commitMessage(fixed));

        assertThat(first.state()).isEqualTo(BranchWriter.State.CREATED);
        assertThat(branch).matches("holdfast/regression/aws-access-key-config-java-[0-9a-f]{10}");
        assertThat(git.getFullBranch()).isEqualTo("refs/heads/main");
        assertThat(git.resolve("HEAD").name()).isEqualTo(headBefore);
        assertThat(repo.read(PATH)).isEqualTo(workingFile);
        assertThat(repo.git.status().call().isClean()).isTrue();
        List<Ref> holdfastBranches = repo.git.branchList().call().stream()
                .filter(r -> r.getName().startsWith(Constants.R_HEADS + "holdfast/")).toList();
        assertThat(holdfastBranches).hasSize(1);

        RevCommit commit = GitFiles.commit(git, first.commit());
        assertThat(commit.getParentCount()).isEqualTo(1);
        assertThat(commit.getParent(0).name()).isEqualTo(headBefore);
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("holdfast@users.noreply.github.com");
        assertThat(commit.getFullMessage()).contains("aws-access-key", PATH, fix.name());
        String onBranch = new String(GitFiles.read(git, commit, PATH), StandardCharsets.UTF_8);
        assertThat(onBranch).contains("System.getenv(\"AWS_ACCESS_KEY_ID\")").doesNotContain(secrets.get("AWS_KEY_1"));

        PullRequestText pr = PullRequestText.of(fixed);
        for (String secret : secrets.all()) {
            assertThat(branch).doesNotContain(secret);
            assertThat(commit.getFullMessage()).doesNotContain(secret);
            assertThat(pr.title()).doesNotContain(secret);
            assertThat(pr.body()).doesNotContain(secret);
        }

        // A second run with nothing changed: same plan, same branch, nothing written.
        FixPlan again = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(git, List.of(regressedFinding()));
        assertThat(FixNames.branch(again.fixes().get(0))).isEqualTo(branch);
        BranchWriter.Outcome second = new BranchWriter(new PersonIdent(HOLDFAST, Instant.parse("2026-04-02T12:00:00Z")))
                .write(git, again.headCommit(), again.fixes().get(0).edits(), branch,
                        FixNames.commitMessage(again.fixes().get(0)));
        assertThat(second.state()).isEqualTo(BranchWriter.State.UNCHANGED);
        assertThat(second.commit()).isEqualTo(first.commit());
        assertThat(git.exactRef(Constants.R_HEADS + branch).getObjectId().name()).isEqualTo(first.commit());
    }

    @Test
    void followsAFileRenamedAfterTheFix() throws Exception {
        String moved = "src/main/java/demo/settings/Config.java";
        Finding f = regressedFinding();
        String content = repo.read(PATH).replace("package demo;", "package demo.settings;");
        repo.git.rm().addFilepattern(PATH).call();
        repo.commit("Alice Dev", "alice@example.com", "Move config", moved, content);
        f = f.withLocation(f.location().withPath(moved)).withProperty(FindingProperty.LINEAGE.key(), PATH);

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).singleElement().satisfies(x -> {
            assertThat(x.strategy()).isEqualTo(Strategy.REAPPLY);
            assertThat(x.primaryPath()).isEqualTo(moved);
            assertThat(x.edits().get(0).afterText()).startsWith("package demo.settings;")
                    .contains("System.getenv(\"AWS_ACCESS_KEY_ID\")");
        });
    }

    @Test
    void putsTheFixsOwnLineBackAtTheFindingWhenTheNextLineChanged() throws Exception {
        // The agent also rewrote the line next to the key: the fix commit's hunk no longer merges as a whole.
        String current = repo.read(PATH);
        repo.commit("Claude", "noreply@anthropic.com", "Tweak config",
                PATH, current.replace("private static final String REGION = \"eu-west-1\";",
                        "private static final String REGION = \"us-east-2\"; // moved"));
        String head = repo.read(PATH);
        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier())
                .plan(repo.git.getRepository(), List.of(regressedFinding()));

        assertThat(plan.fixes()).hasSize(1);
        Fix fixed = plan.fixes().get(0);
        assertThat(fixed.strategy()).isEqualTo(Strategy.REAPPLY);
        assertThat(fixed.reason()).contains("own lines back at line 9 of " + PATH);
        assertThat(fixed.edits().get(0).afterText()).isEqualTo(head.replace("\"" + secrets.get("AWS_KEY_1") + "\"",
                "System.getenv(\"AWS_ACCESS_KEY_ID\")"));
    }

    @Test
    void fallsBackToTheJavaFixerWithTheFixsNameWhenTheFixsLinesDoNotReachEveryFinding() throws Exception {
        // The key is back at the fix's place and once more in a new constant: the fix's own line covers only one.
        String current = repo.read(PATH);
        repo.commit("Claude", "noreply@anthropic.com", "Backup key", PATH, current.replace(
                "    private static final String REGION", "    private static final String BACKUP_KEY = \""
                        + secrets.get("AWS_KEY_1") + "\";\n    private static final String REGION"));
        Finding f = regressedFinding();

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).singleElement().satisfies(x -> {
            assertThat(x.strategy()).isEqualTo(Strategy.RULE_FIXER);
            assertThat(x.edits().get(0).afterText())
                    .contains("AWS_KEY = System.getenv(\"AWS_ACCESS_KEY_ID\");")
                    .contains("BACKUP_KEY = System.getenv(\"AWS_ACCESS_KEY_ID\");")
                    .doesNotContain(secrets.get("AWS_KEY_1"));
            assertThat(x.notes()).anyMatch(n -> n.startsWith("AWS_ACCESS_KEY_ID comes from fix commit "
                    + fix.abbreviate(7).name()));
        });
    }

    @Test
    void aFixThatTouchedTwoFilesComesBackAsOneChange() throws Exception {
        // A second file held a token that the same kind of fix removed; both regress, fixed by two commits
        // squashed here into one: the key file and the properties file come back in one change.
        String props = "app.name=demo\ngithub.token=" + secrets.get("GITHUB_TOKEN_1") + "\n";
        repo.commit("Alice Dev", "alice@example.com", "props", "app.properties", props);
        String fixedConfig = repo.read(PATH).replace("\"" + secrets.get("AWS_KEY_1") + "\"",
                "System.getenv(\"AWS_ACCESS_KEY_ID\")");
        RevCommit both = repo.commit("Bob Sec", "bob@example.com", "Remove both secrets",
                PATH, fixedConfig, "app.properties", "app.name=demo\ngithub.token=${GITHUB_TOKEN}\n");
        repo.commit("Claude", "noreply@anthropic.com", "restore both", PATH,
                fixedConfig.replace("System.getenv(\"AWS_ACCESS_KEY_ID\")", "\"" + secrets.get("AWS_KEY_1") + "\""),
                "app.properties", props);
        FixRef ref = new FixRef(both.name(), "Bob Sec", "bob@example.com", Instant.EPOCH);
        Finding key = regressedFinding().withFixedBy(ref);
        Finding token = new Finding("github-token:00112233445566778899aabbccddeeff", "github-token", Category.SECRET,
                Severity.HIGH, Status.REGRESSED, "GitHub token", Location.file("app.properties", 2, 14),
                Redactor.redact(secrets.get("GITHUB_TOKEN_1")), key.introducedBy(), ref, null, null);

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier())
                .plan(repo.git.getRepository(), List.of(key, token));

        assertThat(plan.manual()).isEmpty();
        assertThat(plan.fixes()).singleElement().satisfies(x -> {
            assertThat(x.strategy()).isEqualTo(Strategy.REAPPLY);
            assertThat(x.edits()).extracting(FileEdit::path).containsExactly("app.properties", PATH);
            assertThat(x.edits().get(0).afterText()).contains("github.token=${GITHUB_TOKEN}");
            assertThat(x.primaryPath()).isEqualTo(PATH);
            assertThat(FixNames.branch(x)).startsWith("holdfast/regression/aws-access-key-config-java-");
        });
    }

    @Test
    void aFixCommitMissingFromTheCloneIsManualRemediationWithNoChange() throws Exception {
        Finding f = regressedFinding().withFixedBy(new FixRef("0123456789abcdef0123456789abcdef01234567", "Bob Sec",
                "bob@example.com", Instant.EPOCH));

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).isEmpty();
        assertThat(plan.manual()).singleElement().satisfies(m -> assertThat(m.reason())
                .isEqualTo("fix commit 0123456 is not in this clone (a shallow clone? fetch the full history: git"
                        + " fetch --unshallow) — manual remediation needed"));
    }

    @Test
    void aFixThatDeletedALineDeletesItAgainWhereItNowIs() throws Exception {
        String notes = "token list\n" + "aws " + secrets.get("AWS_KEY_1") + "\n";
        repo.commit("Alice Dev", "alice@example.com", "notes", "notes.txt", notes);
        RevCommit notesFix = repo.commit("Bob Sec", "bob@example.com", "drop key", "notes.txt", "token list\n");
        repo.commit("Claude", "noreply@anthropic.com", "restore", "notes.txt",
                "token list (restored)\n" + "aws " + secrets.get("AWS_KEY_1") + "\nend\n");
        Finding f = regressedFinding().withLocation(Location.file("notes.txt", 2, 5))
                .withFixedBy(new FixRef(notesFix.name(), "Bob Sec", "bob@example.com", Instant.EPOCH));

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.manual()).isEmpty();
        assertThat(plan.fixes()).singleElement().satisfies(x -> {
            assertThat(x.strategy()).isEqualTo(Strategy.REAPPLY);
            assertThat(x.edits().get(0).afterText()).isEqualTo("token list (restored)\nend\n");
        });
    }

    @Test
    void anAmbiguousMatchWithNoFixerIsManualRemediationWithNoChange() throws Exception {
        // The removed line is back twice in a text file no fixer knows: which one the fix meant cannot be told.
        String notes = "token list\n" + "aws " + secrets.get("AWS_KEY_1") + "\n";
        repo.commit("Alice Dev", "alice@example.com", "notes", "notes.txt", notes);
        RevCommit notesFix = repo.commit("Bob Sec", "bob@example.com", "drop key", "notes.txt", "token list\n");
        repo.commit("Claude", "noreply@anthropic.com", "restore", "notes.txt", "token list (restored)\n"
                + "aws " + secrets.get("AWS_KEY_1") + "\n" + "backup " + secrets.get("AWS_KEY_1") + "\n");
        Finding f = regressedFinding().withLocation(Location.file("notes.txt", 2, 5))
                .withFixedBy(new FixRef(notesFix.name(), "Bob Sec", "bob@example.com", Instant.EPOCH));

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).isEmpty();
        assertThat(plan.manual()).singleElement().satisfies(m -> {
            assertThat(m.reason()).contains("ambiguous").endsWith("manual remediation needed").doesNotContain("\n");
            for (String secret : secrets.all()) {
                assertThat(m.reason()).doesNotContain(secret);
            }
        });
    }

    @Test
    void aFileDeletedSinceTheFixIsManualRemediationWithNoChange() throws Exception {
        // The fixed file is gone; the key is back in a new file that is not a rename of it.
        Finding regressed = regressedFinding();
        repo.git.rm().addFilepattern(PATH).call();
        repo.commit("Alice Dev", "alice@example.com", "Drop the config", "README.md", "demo, no config\n");
        repo.commit("Claude", "noreply@anthropic.com", "New settings", "src/main/java/demo/Other.java",
                "package demo;\n\nclass Other {\n    static final String K = \"" + secrets.get("AWS_KEY_1")
                        + "\";\n}\n");
        Finding f = regressed.withLocation(Location.file("src/main/java/demo/Other.java", 4, 29))
                .withProperty(FindingProperty.FIX_PATHS.key(), PATH);

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).isEmpty();
        assertThat(plan.manual()).singleElement().satisfies(m -> assertThat(m.reason())
                .contains("changed " + PATH + ", which was deleted since")
                .endsWith("manual remediation needed"));
    }

    @Test
    void aBinaryFileIsManualRemediationWithNoChange() throws Exception {
        byte[] bin = ("PK\u0000\u0001 aws " + secrets.get("AWS_KEY_1") + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(repo.dir.resolve("bundle.bin"), bin);
        repo.git.add().addFilepattern("bundle.bin").call();
        repo.commit("Claude", "noreply@anthropic.com", "bundle");
        Finding f = regressedFinding().withLocation(Location.file("bundle.bin", 1, 10));

        FixPlan plan = FixPlanner.withDefaultFixers(new PatternVerifier()).plan(repo.git.getRepository(), List.of(f));

        assertThat(plan.fixes()).isEmpty();
        assertThat(plan.manual()).singleElement().satisfies(m -> assertThat(m.reason())
                .isEqualTo("bundle.bin is a binary file; Holdfast does not edit binary files — manual remediation"
                        + " needed"));
    }

}

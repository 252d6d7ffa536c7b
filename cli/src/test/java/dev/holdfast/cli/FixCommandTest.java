package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.scanner.scan.ScanWorkflow;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `holdfast fix` on the baseline issue's drift scenario (fixtures/demo/scenario.yaml): a person replaces a hardcoded
 * key with an environment reference, the baseline is committed, an AI agent puts the key back.
 */
class FixCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String CONFIG = "config/application.yml";

    @TempDir
    Path tmp;
    private Path dir;
    private Map<String, String> secrets;

    @BeforeEach
    void buildScenario() throws Exception {
        dir = tmp.resolve("repo");
        var workflow = ScanWorkflow.baselineWorkflow(HoldfastConfig.defaults(), new TestDetector(), dir.toString());
        ScenarioRepository.Built built = new ScenarioRepository(Scenario.demo(), new SecretGenerator(42L))
                .build(dir, Map.of("baseline", (root, step) -> workflow.refresh(root, BaselineStore.defaultPath(root))));
        secrets = built.secrets();
    }

    private CliRunner.Run fix(String... args) {
        CommandRunner r = new CommandRunner();
        return r.run(new FixCommand(r.console, CLOCK, cfg -> new TestDetector()), args);
    }

    @Test
    void dryRunPrintsAPatchThatGitAppliesAndChangesNothing() throws Exception {
        CliRunner.Run r = fix(dir.toString(), "--dry-run");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("# +  accessKeyId: ${AWS_ACCESS_KEY_ID}", "GIT binary patch",
                "# PR title: Reapply removed fix: aws-access-key in config/application.yml", "holdfast:meta");
        secrets.values().forEach(s -> assertThat(r.out() + r.err()).doesNotContain(s));
        assertThat(holdfastBranches()).isEmpty();

        Path patch = tmp.resolve("fix.patch");
        Files.writeString(patch, r.out());
        Process p = new ProcessBuilder("git", "apply", patch.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String gitOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(gitOut).isZero();
        String fixed = Files.readString(dir.resolve(CONFIG));
        assertThat(fixed).contains("accessKeyId: ${AWS_ACCESS_KEY_ID}").doesNotContain(secrets.get("AWS_KEY_1"));
    }

    @Test
    void writesOneBranchWithoutTouchingTheCheckoutAndASecondRunChangesNothing() throws Exception {
        String before = Files.readString(dir.resolve(CONFIG));
        CliRunner.Run first = fix(dir.toString());

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.OK);
        List<Ref> branches = holdfastBranches();
        assertThat(branches).hasSize(1);
        String branch = branches.get(0).getName().substring(Constants.R_HEADS.length());
        assertThat(branch).matches("holdfast/regression/aws-access-key-application-yml-[0-9a-f]{10}");
        assertThat(first.out()).contains("created branch " + branch, "current branch unchanged: main");
        try (Git git = Git.open(dir.toFile())) {
            Repository repo = git.getRepository();
            assertThat(repo.getBranch()).isEqualTo("main");
            assertThat(Files.readString(dir.resolve(CONFIG))).isEqualTo(before);
            assertThat(git.status().call().isClean()).isTrue();
            RevCommit commit = repo.parseCommit(branches.get(0).getObjectId());
            assertThat(commit.getParent(0)).isEqualTo(repo.parseCommit(repo.resolve("main")));
            assertThat(commit.getAuthorIdent().toExternalString()).startsWith("Holdfast <holdfast@users.noreply.github.com>");
            String onBranch = read(repo, commit, CONFIG);
            assertThat(onBranch).contains("accessKeyId: ${AWS_ACCESS_KEY_ID}").doesNotContain(secrets.get("AWS_KEY_1"));
            assertThat(commit.getFullMessage()).contains("aws-access-key", CONFIG);
            for (String s : secrets.values()) {
                assertThat(branch).doesNotContain(s);
                assertThat(commit.getFullMessage()).doesNotContain(s);
                assertThat(first.out() + first.err()).doesNotContain(s);
            }
        }

        CliRunner.Run second = fix(dir.toString());
        assertThat(second.exit()).isEqualTo(ExitCode.OK);
        assertThat(second.out()).contains("branch " + branch + " already holds this fix; unchanged");
        assertThat(holdfastBranches()).singleElement().extracting(Ref::getObjectId)
                .isEqualTo(branches.get(0).getObjectId());
    }

    @Test
    void pushesTheBranchToARemote() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        try (Git git = Git.open(dir.toFile())) {
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        }
        CliRunner.Run r = fix(dir.toString(), "--push", "origin");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        String branch = holdfastBranches().get(0).getName().substring(Constants.R_HEADS.length());
        assertThat(r.out()).contains("pushed " + branch + " to origin");
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().exactRef(Constants.R_HEADS + branch)).isNotNull();
        }
        assertThat(fix(dir.toString(), "--push", "origin").out()).contains(branch + " is up to date on origin");
    }

    @Test
    void aFixToAWorkflowFileTheRemoteRefusesIsOneLineAboutTheWorkflowsPermission() throws Exception {
        Path repo = tmp.resolve("workflow-repo");
        var workflow = ScanWorkflow.baselineWorkflow(HoldfastConfig.defaults(), new TestDetector(), repo.toString());
        Scenario s;
        try (var in = getClass().getResourceAsStream("/scenarios/workflow-key.yaml")) {
            s = Scenario.read(in);
        }
        new ScenarioRepository(s, new SecretGenerator(43L)).build(repo,
                Map.of("baseline", (root, step) -> workflow.refresh(root, BaselineStore.defaultPath(root))));
        // A git:// remote that refuses workflow changes with GitHub's own answer to GITHUB_TOKEN.
        Path bare = tmp.resolve("github.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        org.eclipse.jgit.transport.Daemon daemon = new org.eclipse.jgit.transport.Daemon(
                new java.net.InetSocketAddress("127.0.0.1", 0));
        daemon.getService("git-receive-pack").setEnabled(true);
        Repository served = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        daemon.setRepositoryResolver((req, name) -> {
            served.incrementOpen();
            return served;
        });
        daemon.setReceivePackFactory((req, db) -> {
            org.eclipse.jgit.transport.ReceivePack rp = new org.eclipse.jgit.transport.ReceivePack(db);
            rp.setPreReceiveHook((pack, commands) -> commands.forEach(c -> c.setResult(
                    org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_OTHER_REASON,
                    "refusing to allow a GitHub App to create or update workflow `.github/workflows/deploy.yml` "
                            + "without `workflows` permission")));
            return rp;
        });
        daemon.start();
        try {
            GitRemote.git(repo, "remote", "add", "origin", "git://127.0.0.1:" + daemon.getAddress().getPort()
                    + "/github.git");
            CliRunner.Run r = fix(repo.toString(), "--push", "origin");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.err().strip().lines()).singleElement().asString()
                    .contains("origin refused holdfast/regression/")
                    .contains("changes the workflow .github/workflows/deploy.yml")
                    .contains("GitHub App or a token with the workflows permission");
            assertThat(r.out()).contains("created branch holdfast/regression/");
        } finally {
            daemon.stop();
            served.close();
        }
    }

    @Test
    void opensThePullRequestAfterPushing() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        try (Git git = Git.open(dir.toFile())) {
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        }
        WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderClasspath("github/cli-create"));
        github.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("GITHUB_TOKEN", "test-token"), false,
                    false);
            int exit = new CommandRunner(console).run(new FixCommand(console, CLOCK, cfg -> new TestDetector()),
                    dir.toString(), "--open-pr", "octo-org/demo", "--github-api-url", github.baseUrl()).exit();
            String printed = out.toString(StandardCharsets.UTF_8);

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
            String branch = holdfastBranches().get(0).getName().substring(Constants.R_HEADS.length());
            assertThat(printed).contains("pushed " + branch + " to origin",
                    "opened pull request #7 https://github.com/octo-org/demo/pull/7");
            try (Git remote = Git.open(bare.toFile())) {
                assertThat(remote.getRepository().exactRef(Constants.R_HEADS + branch)).isNotNull();
            }
            assertThat(github.findAllUnmatchedRequests()).isEmpty();
            String requests = github.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                    .reduce("", String::concat);
            assertThat(requests).contains(branch);
            secrets.values().forEach(s -> assertThat(requests + printed).doesNotContain(s));
        } finally {
            github.stop();
        }
    }

    /** GitHub faults during --open-pr: a 503 on create, a connection reset on the lookup (retried, bounded). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"cli-create-503, POST, 1", "cli-lookup-reset, GET, 3"})
    void gitHubFaultsDuringOpenPrAreExit3WithOneLine(String scenario, String method, int attempts) throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        try (Git git = Git.open(dir.toFile())) {
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        }
        WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderClasspath("github/" + scenario));
        github.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("GITHUB_TOKEN", "test-token"), false,
                    false);
            int exit = new CommandRunner(console).run(new FixCommand(console, CLOCK, cfg -> new TestDetector()),
                    dir.toString(), "--open-pr", "octo-org/demo", "--github-api-url", github.baseUrl()).exit();
            String printed = out.toString(StandardCharsets.UTF_8);
            String error = err.toString(StandardCharsets.UTF_8);

            assertThat(exit).as(printed + error).isEqualTo(ExitCode.RUNTIME);
            assertThat(error).startsWith("holdfast: fix failed: GitHub call failed while publishing holdfast/")
                    .hasLineCount(1).doesNotContain("\tat ");
            assertThat(printed).doesNotContain("opened pull request");
            assertThat(github.findAllUnmatchedRequests()).isEmpty();
            assertThat(github.getAllServeEvents().stream().map(e -> e.getRequest())
                    .filter(q -> q.getMethod().getName().equals(method)
                            && q.getUrl().startsWith("/repos/octo-org/demo/pulls"))
                    .count()).isEqualTo(attempts);
            secrets.values().forEach(v -> assertThat(printed + error).doesNotContain(v));
        } finally {
            github.stop();
        }
    }

    @Test
    void usageErrorsAreOneLine() {
        CliRunner.Run noBaseline = fix(tmp.toString());
        assertThat(noBaseline.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noBaseline.err()).startsWith("holdfast: no baseline at ").hasLineCount(1);

        CliRunner.Run badRepo = fix(dir.toString(), "--open-pr", "not a repo");
        assertThat(badRepo.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badRepo.err()).contains("--open-pr needs OWNER/REPO").hasLineCount(1);

        CliRunner.Run both = fix(dir.toString(), "--dry-run", "--push", "origin");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);

        CliRunner.Run noToken = fix(dir.toString(), "--open-pr", "octo-org/demo");
        assertThat(noToken.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noToken.err()).contains("set GITHUB_TOKEN or GH_TOKEN").hasLineCount(1);
    }

    private List<Ref> holdfastBranches() throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            return git.branchList().call().stream()
                    .filter(b -> b.getName().startsWith(Constants.R_HEADS + "holdfast/")).toList();
        }
    }

    private static String read(Repository repo, RevCommit commit, String path) throws Exception {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}

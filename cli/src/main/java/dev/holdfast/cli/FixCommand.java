package dev.holdfast.cli;

import dev.holdfast.remediator.Regressions;
import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.baseline.BaselineWorkflow;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.Repos;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.remediator.Fix;
import dev.holdfast.remediator.FixNames;
import dev.holdfast.remediator.FixPlan;
import dev.holdfast.remediator.FixPlanner;
import dev.holdfast.remediator.ManualRemediation;
import dev.holdfast.remediator.PullRequestText;
import dev.holdfast.remediator.RemediationException;
import dev.holdfast.remediator.SafePatch;
import dev.holdfast.remediator.Verifier;
import dev.holdfast.remediator.git.BranchPusher;
import dev.holdfast.remediator.git.BranchWriter;
import dev.holdfast.remediator.github.GitHubConnection;
import dev.holdfast.remediator.github.PullRequestPublisher;
import dev.holdfast.remediator.github.WaitBudget;
import dev.holdfast.remediator.narrowing.TerraformNarrowing;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWorkflow;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code holdfast fix [PATH]}: scans PATH against its baseline, and for every regressed finding re-applies the fix
 * the ledger remembers (or the rule's own fix), verified by re-scanning. {@code --dry-run} prints a patch for
 * {@code git apply} plus the PR text; without it each change becomes one commit on a {@code holdfast/} branch, built
 * without touching the checkout; {@code --push} and {@code --open-pr} publish it.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = "Build a branch that reapplies removed security fixes (one commit per change, your checkout "
                + "untouched), or with --cloud-report narrows grants a cloud scan found unused; --dry-run prints the "
                + "patch and PR text; --push and --open-pr publish it.")
public final class FixCommand implements Callable<Integer>, Failures.Named {
    static final String DEFAULT_AUTHOR = "Holdfast <holdfast@users.noreply.github.com>";
    private static final Pattern IDENT = Pattern.compile("^\\s*(.+?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

    private final Console console;
    private final Clock clock;
    private final Function<HoldfastConfig, Detector> detectors;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "repository to fix (default .)")
    Path path;

    @Option(names = "--dry-run", description = "print the patch (applies with git apply) and the PR title and body; "
            + "change nothing")
    boolean dryRun;

    @Option(names = "--baseline", paramLabel = "FILE", description = "default PATH/.holdfast/baseline.json")
    Path baselineFile;

    @Option(names = "--cloud-report", paramLabel = "FILE",
            description = "narrow the grants a cloud JSON report found unused (holdfast cloud aws --repo PATH "
                    + "--format json) in the Terraform that defines them, instead of re-applying removed fixes")
    Path cloudReport;

    @Option(names = "--config", paramLabel = "FILE", description = "default PATH/.holdfast.yml when present")
    Path config;

    @Option(names = "--push", paramLabel = "REMOTE", description = "push each fix branch to REMOTE (name or URL)")
    String push;

    @Option(names = "--open-pr", paramLabel = "OWNER/REPO",
            description = "open or update a pull request per fix (pushes to --push REMOTE, default origin)")
    String openPr;

    @Option(names = "--base", paramLabel = "BRANCH", description = "PR base branch (default: the repository's default)")
    String base;

    @Option(names = "--github-api-url", paramLabel = "URL",
            description = "GitHub API (default $GITHUB_API_URL, else https://api.github.com); for GitHub Enterprise")
    String githubApiUrl;

    @Option(names = "--max-prs", defaultValue = "5", paramLabel = "N", description = "at most N new PRs per run (5)")
    int maxPrs;

    @Option(names = "--max-prs-per-hour", defaultValue = "20", paramLabel = "N",
            description = "at most N new PRs per hour, counted through the API (20)")
    int maxPrsPerHour;

    @Option(names = "--max-wait", defaultValue = "300", paramLabel = "SECONDS",
            description = "longest total wait for GitHub rate limits before giving up (300)")
    long maxWaitSeconds;

    @Option(names = "--author", paramLabel = "'NAME <EMAIL>'", defaultValue = DEFAULT_AUTHOR,
            description = "author and committer of fix commits (default " + DEFAULT_AUTHOR + ")")
    String author;

    @Mixin
    VerboseOption verbosity = new VerboseOption();

    public FixCommand(Console console) {
        this(console, Clock.systemUTC(), null);
    }

    FixCommand(Console console, Clock clock, Function<HoldfastConfig, Detector> detectors) {
        this.console = console;
        this.clock = clock;
        this.detectors = detectors != null ? detectors : ScanWorkflow.detectors(clock);
    }

    @Override
    public Integer call() throws IOException {
        Matcher ident = IDENT.matcher(author);
        if (!ident.matches()) {
            return usage("--author must look like 'Name <email>', got '" + author + "'");
        }
        if (openPr != null && !openPr.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            return usage("--open-pr needs OWNER/REPO, got '" + openPr + "'");
        }
        if (maxPrs < 0 || maxPrsPerHour < 0 || maxWaitSeconds < 0) {
            return usage("--max-prs, --max-prs-per-hour and --max-wait must not be negative");
        }
        if (dryRun && (push != null || openPr != null)) {
            return usage("--dry-run changes nothing; it cannot be combined with --push or --open-pr");
        }
        if (openPr != null && !GitHubConnection.hasCredentials(console.env())) {
            return usage("--open-pr needs credentials: set GITHUB_TOKEN or GH_TOKEN, or HOLDFAST_GITHUB_APP_ID with"
                    + " HOLDFAST_GITHUB_APP_PRIVATE_KEY(_FILE) for a GitHub App");
        }
        if (!Files.isDirectory(path)) {
            return usage(path + ": no such directory");
        }
        Path root = path.toAbsolutePath().normalize();
        HoldfastConfig cfg = HoldfastConfig.load(root, config);
        if (cloudReport != null) {
            return narrow(root, ident);
        }
        Path file = baselineFile != null ? baselineFile : BaselineStore.defaultPath(root);
        if (!Files.isRegularFile(file)) {
            return usage("no baseline at " + file + ": run 'holdfast baseline " + path + "' first (its fix ledger is"
                    + " what 'fix' re-applies)");
        }
        try (Repository repo = open(root)) {
            if (repo == null) {
                return usage(path + " is not inside a git repository");
            }
            Detector detector = detectors.apply(cfg);
            BaselineWorkflow workflow = ScanWorkflow.baselineWorkflow(cfg, detector, path.toString());
            Baseline baseline = workflow.store().read(file);
            ScanResult result = workflow.scan(root, baseline, clock);
            if (result.partial()) {
                console.err().println("holdfast: the scan of " + path + " was partial (" + result.warnings().size()
                        + " warnings); not changing anything on an incomplete picture");
                return ExitCode.RUNTIME;
            }
            List<Finding> regressed = Regressions.of(result, baseline, repo, root);
            if (regressed.isEmpty()) {
                console.out().println("holdfast: no regressed findings in " + path + "; nothing to fix");
                return ExitCode.OK;
            }
            FixPlan plan = FixPlanner.withDefaultFixers(verifier(detector)).plan(repo, regressed);
            return carryOut(repo, plan, detector, ident);
        }
    }

    @Override
    public String failurePrefix() {
        return "fix failed: ";
    }

    /** Prints (--dry-run) or writes and publishes the plan's changes, then lists what is left to a person. */
    private int carryOut(Repository repo, FixPlan plan, Detector detector, Matcher ident) {
        int refused = 0;
        if (dryRun) {
            printDryRun(plan, detector);
        } else {
            PersonIdent who = new PersonIdent(ident.group(1), ident.group(2), clock.instant(), ZoneOffset.UTC);
            refused = apply(repo, plan, who);
        }
        printManual(plan.manual(), dryRun ? "# " : "");
        return plan.manual().isEmpty() && refused == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }

    /**
     * {@code --cloud-report}: the unused grants of a cloud report become narrowings of the Terraform that defines
     * their principals, written and published like any other change.
     */
    private int narrow(Path root, Matcher ident) throws IOException {
        List<Finding> suggestions;
        try {
            if (!Files.isRegularFile(cloudReport)) {
                return usage("--cloud-report " + cloudReport + ": no such file");
            }
            suggestions = CloudSuggestions.read(cloudReport, TerraformNarrowing.RULE);
        } catch (IllegalArgumentException | IOException e) {
            return usage(Main.oneLine(e.getMessage()));
        }
        try (Repository repo = open(root)) {
            if (repo == null) {
                return usage(path + " is not inside a git repository");
            }
            if (suggestions.isEmpty()) {
                console.out().println("holdfast: no unused-grant suggestion in " + cloudReport + " points at a file of "
                        + path + " (scan with --repo " + path + "); nothing to narrow");
                return ExitCode.OK;
            }
            org.eclipse.jgit.lib.ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                return usage(path + " has no commit to narrow on");
            }
            TerraformNarrowing.Plan p = TerraformNarrowing.plan(root, head.name(), suggestions);
            FixPlan plan = new FixPlan(head.name(), p.fixes(), p.manual());
            return carryOut(repo, plan, detectors.apply(HoldfastConfig.load(root, config)), ident);
        }
    }

    /**
     * Writes each fix on its branch, then pushes and opens PRs when asked.
     *
     * @return how many fixes could not be published because they change a workflow file the token may not push
     */
    private int apply(Repository repo, FixPlan plan, PersonIdent who) {
        PrintStream out = console.out();
        BranchWriter writer = new BranchWriter(who);
        String remote = push != null ? push : openPr != null ? "origin" : null;
        GitHubConnection github = null;
        PullRequestPublisher publisher = null;
        if (openPr != null) {
            String api = githubApiUrl != null ? githubApiUrl : console.env().get("GITHUB_API_URL");
            WaitBudget budget = new WaitBudget(clock, WaitBudget.realSleeper(), Duration.ofSeconds(maxWaitSeconds));
            github = GitHubConnection.connect(api, console.env(), openPr, budget);
            publisher = new PullRequestPublisher(github.github(), openPr, base, who.getEmailAddress(), clock, maxPrs,
                    maxPrsPerHour);
        }
        BranchPusher pusher = remote == null ? null
                : new BranchPusher(GitHubConnection.pushCredentials(github, console.env()), who.getEmailAddress());
        int refused = 0;
        for (Fix fix : plan.fixes()) {
            String branch = FixNames.branch(fix);
            BranchWriter.Outcome written = writer.write(repo, plan.headCommit(), fix.edits(), branch,
                    FixNames.commitMessage(fix));
            switch (written.state()) {
                case CREATED -> out.println("created branch " + branch + " (1 commit on " + shortId(plan.headCommit())
                        + "): " + FixNames.title(fix));
                case UPDATED -> out.println("updated branch " + branch + " (1 commit on " + shortId(plan.headCommit())
                        + "): " + FixNames.title(fix));
                case UNCHANGED -> out.println("branch " + branch + " already holds this fix; unchanged");
                case FOREIGN -> {
                    out.println("branch " + branch + " has commits by someone else; left as it is");
                    continue;
                }
                default -> throw new IllegalStateException(written.state().name());
            }
            try {
                if (publisher != null) {
                    PullRequestPublisher.Result r = publisher.publish(fix, written.commit(),
                            () -> report(pusher.push(repo, remote, branch), remote));
                    out.println(describe(r));
                } else if (pusher != null) {
                    report(pusher.push(repo, remote, branch), remote);
                }
            } catch (RemediationException e) {
                String workflow = workflowFile(fix);
                if (workflow == null) {
                    throw e;
                }
                // GitHub refuses workflow changes from GITHUB_TOKEN: say what is needed rather than fail the run.
                console.err().println("holdfast: " + remote + " refused " + branch + ", which changes the workflow "
                        + workflow + ": pushing workflow files needs a GitHub App or a token with the workflows "
                        + "permission (the action's github-token input); left for manual remediation");
                refused++;
            }
        }
        out.println("current branch unchanged: " + currentBranch(repo));
        return refused;
    }

    /** The first file under .github/workflows that a fix changes, or null. */
    private static String workflowFile(Fix fix) {
        return fix.edits().stream().map(e -> e.path()).filter(p -> p.startsWith(".github/workflows/"))
                .findFirst().orElse(null);
    }

    private void report(BranchPusher.Outcome o, String remote) {
        switch (o.state()) {
            case PUSHED -> console.out().println("pushed " + o.branch() + " to " + remote);
            case UP_TO_DATE -> console.out().println(o.branch() + " is up to date on " + remote);
            case FOREIGN -> console.out().println(o.branch() + " on " + remote
                    + " has commits by someone else; not pushed");
            default -> throw new IllegalStateException(o.state().name());
        }
    }

    private static String describe(PullRequestPublisher.Result r) {
        String where = r.url() == null ? "" : " " + r.url();
        String note = r.note() == null ? "" : " (" + r.note() + ")";
        return switch (r.action()) {
            case CREATED -> "opened pull request #" + r.number() + where + note;
            case UPDATED -> "updated pull request #" + r.number() + where;
            case UNCHANGED -> "pull request #" + r.number() + where + " is up to date";
            case LEFT_FOREIGN -> "pull request #" + r.number() + where + " left alone" + note;
            case RESPECTED_CLOSED -> "pull request #" + r.number() + where + " was closed unmerged; not reopened";
            case LIMITED -> "no pull request for " + r.branch() + note;
        };
    }

    /** The patch (scrubbed preview + binary delta) and the PR text as '#' lines, which git apply skips. */
    private void printDryRun(FixPlan plan, Detector detector) {
        PrintStream out = console.out();
        out.println("# holdfast fix --dry-run: " + plan.fixes().size() + " change(s), " + plan.manual().size()
                + " left for manual remediation; nothing was written.");
        out.println("# Apply with: holdfast fix --dry-run > holdfast.patch && git apply holdfast.patch");
        int n = 1;
        for (Fix fix : plan.fixes()) {
            PullRequestText text = PullRequestText.of(fix);
            out.println("#");
            out.println("# Change " + n++ + " of " + plan.fixes().size() + " — branch " + FixNames.branch(fix));
            out.println("# Commit: " + FixNames.commitMessage(fix).lines().findFirst().orElse(""));
            out.println("# PR title: " + text.title());
            out.println("# PR body:");
            text.body().lines().forEach(l -> out.println("#   " + l));
            out.print(SafePatch.render(fix.edits(), verifier(detector)));
        }
    }

    private void printManual(List<ManualRemediation> manual, String prefix) {
        for (ManualRemediation m : manual) {
            Finding f = m.finding();
            String where = f.location() == null ? "?" : f.location().path() == null ? f.location().resource()
                    : f.location().path() + ":" + f.location().line();
            console.out().println(prefix + "manual remediation: " + f.ruleId() + " in " + where + " — " + m.reason());
        }
    }

    /** The detectors as the planner's verifier: a detector failing on patched content fails the verification. */
    private static Verifier verifier(Detector detector) {
        return detector::detect;
    }

    private static Repository open(Path root) throws IOException {
        return Repos.enclosingWorkTree(root);
    }

    private static String currentBranch(Repository repo) {
        try {
            return repo.getBranch();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String shortId(String commit) {
        return commit.substring(0, Math.min(10, commit.length()));
    }

    private int usage(String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        return ExitCode.USAGE;
    }
}

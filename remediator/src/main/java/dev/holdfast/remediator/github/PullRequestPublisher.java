package dev.holdfast.remediator.github;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.remediator.Fix;
import dev.holdfast.remediator.FixNames;
import dev.holdfast.remediator.PullRequestText;
import dev.holdfast.remediator.RemediationException;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestQueryBuilder;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens or updates the pull request for a fix, idempotently, the way Dependabot and Renovate do: the PRs for the
 * branch are looked up in every state first. Open and ours → updated in place only when the commit or text changed;
 * open with someone else's commit on it → left alone, with one comment; closed without merging → the decision is
 * respected unless the findings changed; merged before and regressed again → a new PR that links the old one,
 * labelled {@code repeat}. At most {@code maxPerRun} PRs are created per run and {@code maxPerHour} per hour (counted
 * through the API from the PRs on {@code holdfast/} branches).
 */
public final class PullRequestPublisher {

    public enum Action { CREATED, UPDATED, UNCHANGED, LEFT_FOREIGN, RESPECTED_CLOSED, LIMITED }

    /** What happened to one fix's PR. {@code number} is 0 when there is none. */
    public record Result(String branch, Action action, int number, String url, String note) {
    }

    /** Pushes the fix branch; called only when the PR is created or its commit must change. */
    @FunctionalInterface
    public interface BranchPush {
        void push();
    }

    static final String FOREIGN_MARKER = "<!-- holdfast:foreign-commits -->";
    private static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry("security", "d73a4a"), Map.entry("holdfast", "5319e7"), Map.entry("regression", "b60205"),
            Map.entry("repeat", "e99695"), Map.entry("severity:critical", "b60205"),
            Map.entry("severity:high", "d93f0b"), Map.entry("severity:medium", "fbca04"),
            Map.entry("severity:low", "0e8a16"), Map.entry("severity:info", "c5def5"));

    private final GitHub github;
    private final String ownerRepo;
    private final String base;
    private final String botEmail;
    private final Clock clock;
    private final int maxPerRun;
    private final int maxPerHour;
    private GHRepository repository;
    private Set<String> existingLabels;
    private int createdThisRun;
    private Integer createdLastHour;

    /** @param base the PR's base branch, or null for the repository's default branch */
    public PullRequestPublisher(GitHub github, String ownerRepo, String base, String botEmail, Clock clock,
                                int maxPerRun, int maxPerHour) {
        if (!ownerRepo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new RemediationException("--open-pr needs OWNER/REPO, got '" + ownerRepo + "'");
        }
        this.github = github;
        this.ownerRepo = ownerRepo;
        this.base = base;
        this.botEmail = botEmail;
        this.clock = clock;
        this.maxPerRun = maxPerRun;
        this.maxPerHour = maxPerHour;
    }

    /**
     * @param localCommit the fix branch's commit as written locally (what the PR's head should be)
     */
    public Result publish(Fix fix, String localCommit, BranchPush push) {
        String branch = FixNames.branch(fix);
        String doing = "publishing " + branch;
        try {
            GHRepository repo = repository();
            List<GHPullRequest> prs = new ArrayList<>(repo.queryPullRequests()
                    .head(repo.getOwnerName() + ":" + branch).state(GHIssueState.ALL).list().toList());
            prs.sort(Comparator.comparingInt(GHPullRequest::getNumber).reversed());
            GHPullRequest open = prs.stream().filter(p -> p.getState() == GHIssueState.OPEN).findFirst().orElse(null);
            if (open != null) {
                return updateOpen(repo, open, fix, localCommit, push, null);
            }
            GHPullRequest merged = prs.stream().filter(p -> p.getMergedAt() != null).findFirst().orElse(null);
            GHPullRequest latest = prs.isEmpty() ? null : prs.get(0);
            if (latest != null && latest.getMergedAt() == null) {
                List<String> before = PullRequestText.fingerprintsIn(latest.getBody());
                if (before.equals(FixNames.fingerprints(fix))) {
                    return new Result(branch, Action.RESPECTED_CLOSED, latest.getNumber(), url(latest),
                            "closed without merging; not reopened while the finding is the same");
                }
            }
            if (createdThisRun >= maxPerRun) {
                return new Result(branch, Action.LIMITED, 0, null, "at most " + maxPerRun + " PR(s) per run");
            }
            if (createdLastHour(repo) >= maxPerHour) {
                return new Result(branch, Action.LIMITED, 0, null, "at most " + maxPerHour + " PR(s) per hour");
            }
            String previous = merged == null ? null : url(merged);
            PullRequestText text = PullRequestText.of(fix, previous);
            push.push();
            GHPullRequest created;
            try {
                created = repo.createPullRequest(text.title(), branch, baseBranch(repo), text.body());
            } catch (HttpException e) {
                if (e.getResponseCode() == 422 && String.valueOf(e.getMessage()).contains("already exists")) {
                    // Opened meanwhile (another run, or a stale search index): take it over as an update.
                    GHPullRequest existing = repo.queryPullRequests().head(repo.getOwnerName() + ":" + branch)
                            .state(GHIssueState.OPEN).list().toList().stream().findFirst()
                            .orElseThrow(() -> e);
                    return updateOpen(repo, existing, fix, localCommit, () -> { }, previous);
                }
                throw e;
            }
            createdThisRun++;
            createdLastHour = createdLastHour(repo) + 1;
            label(repo, created, fix, merged != null);
            return new Result(branch, Action.CREATED, created.getNumber(), url(created),
                    previous == null ? null : "repeat of " + previous);
        } catch (IOException e) {
            throw GitHubErrors.explain(e, doing, ownerRepo);
        }
    }

    private Result updateOpen(GHRepository repo, GHPullRequest open, Fix fix, String localCommit, BranchPush push,
                              String previous) throws IOException {
        String branch = FixNames.branch(fix);
        String headSha = open.getHead().getSha();
        boolean commitChanged = !localCommit.equals(headSha);
        if (commitChanged) {
            String author = repo.getCommit(headSha).getCommitShortInfo().getAuthor().getEmail();
            if (author == null || !author.equalsIgnoreCase(botEmail)) {
                commentOnce(open);
                return new Result(branch, Action.LEFT_FOREIGN, open.getNumber(), url(open),
                        "someone else pushed to the branch; left as it is");
            }
            push.push();
        }
        PullRequestText text = PullRequestText.of(fix, previous);
        boolean textChanged = false;
        // The metadata says what the PR is about; wording changes between Holdfast versions alone cause no churn.
        if (!PullRequestText.readMeta(text.body()).equals(PullRequestText.readMeta(open.getBody()))) {
            open.setBody(text.body());
            textChanged = true;
        }
        if (!text.title().equals(open.getTitle())) {
            open.setTitle(text.title());
            textChanged = true;
        }
        if (!commitChanged && !textChanged) {
            return new Result(branch, Action.UNCHANGED, open.getNumber(), url(open), null);
        }
        return new Result(branch, Action.UPDATED, open.getNumber(), url(open), null);
    }

    private void commentOnce(GHPullRequest pr) throws IOException {
        for (GHIssueComment c : pr.listComments()) {
            if (c.getBody() != null && c.getBody().contains(FOREIGN_MARKER)) {
                return;
            }
        }
        pr.comment("Holdfast found commits by someone else on this branch, so it will not update it. Close this PR"
                + " to let Holdfast open a fresh one, or finish the fix here.\n\n" + FOREIGN_MARKER);
    }

    private void label(GHRepository repo, GHPullRequest pr, Fix fix, boolean repeat) throws IOException {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("security", "Security-related change");
        wanted.put("holdfast", "Opened by Holdfast");
        wanted.put(FixNames.kind(fix), "A fix that came undone");
        Finding first = fix.findings().get(0);
        wanted.put("severity:" + first.severity().id(), "Severity of the finding");
        wanted.put("kind:" + first.category().id(), "Kind of risk");
        TreeSet<String> origins = new TreeSet<>();
        for (Finding f : fix.findings()) {
            IdentityKind k = f.introducedBy() == null ? null : f.introducedBy().kind();
            if (k == IdentityKind.AGENT || k == IdentityKind.BOT || k == IdentityKind.HUMAN) {
                origins.add(k.id());
            }
        }
        origins.forEach(o -> wanted.put("origin:" + o, "Who brought the finding back"));
        if (repeat) {
            wanted.put("repeat", "Fixed before and regressed again");
        }
        Set<String> existing = existingLabels(repo);
        for (Map.Entry<String, String> l : wanted.entrySet()) {
            if (!existing.contains(l.getKey().toLowerCase(Locale.ROOT))) {
                repo.createLabel(l.getKey(), COLOURS.getOrDefault(l.getKey(), "ededed"), l.getValue());
                existing.add(l.getKey().toLowerCase(Locale.ROOT));
            }
        }
        pr.addLabels(wanted.keySet().toArray(String[]::new));
    }

    private Set<String> existingLabels(GHRepository repo) throws IOException {
        if (existingLabels == null) {
            existingLabels = new TreeSet<>();
            for (GHLabel l : repo.listLabels()) {
                existingLabels.add(l.getName().toLowerCase(Locale.ROOT));
            }
        }
        return existingLabels;
    }

    /** PRs on holdfast/ branches created in the last hour, newest first, stopping at the first older one. */
    private int createdLastHour(GHRepository repo) throws IOException {
        if (createdLastHour == null) {
            Instant since = clock.instant().minusSeconds(3600);
            int n = 0;
            for (GHPullRequest pr : repo.queryPullRequests().state(GHIssueState.ALL)
                    .sort(GHPullRequestQueryBuilder.Sort.CREATED).direction(GHDirection.DESC).list().withPageSize(50)) {
                if (pr.getCreatedAt() == null || pr.getCreatedAt().toInstant().isBefore(since)) {
                    break;
                }
                if (pr.getHead() != null && pr.getHead().getRef() != null
                        && pr.getHead().getRef().startsWith(FixNames.PREFIX)) {
                    n++;
                }
            }
            createdLastHour = n;
        }
        return createdLastHour;
    }

    private String baseBranch(GHRepository repo) {
        return base != null ? base : repo.getDefaultBranch();
    }

    private GHRepository repository() throws IOException {
        if (repository == null) {
            repository = github.getRepository(ownerRepo);
        }
        return repository;
    }

    private static String url(GHPullRequest pr) {
        return pr.getHtmlUrl() == null ? null : pr.getHtmlUrl().toString();
    }
}

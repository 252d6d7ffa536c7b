package dev.holdfast.cli;

import dev.holdfast.scanner.baseline.BaselineException;
import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.baseline.FailPolicy;
import dev.holdfast.scanner.baseline.ScanBaseline;
import dev.holdfast.scanner.change.PendingFile;
import dev.holdfast.scanner.change.PushCommits;
import dev.holdfast.scanner.change.StagedChange;
import dev.holdfast.scanner.change.StagedChangeReader;
import dev.holdfast.scanner.change.StagedScanner;
import dev.holdfast.scanner.change.Staging;
import dev.holdfast.scanner.change.TreeTexts;
import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.scanner.git.CommitSet;
import dev.holdfast.scanner.push.RefUpdate;
import dev.holdfast.scanner.scan.ConfiguredDetectors;
import dev.holdfast.scanner.scan.ScanProgress;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.identity.Actor;
import dev.holdfast.scanner.identity.CommitAuthorClassifier;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.remediator.advice.Advice;
import dev.holdfast.remediator.advice.ExistingReferences;
import dev.holdfast.remediator.advice.ReferenceAdvisor;
import dev.holdfast.remediator.advice.ReferenceCatalogue;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWorkflow;
import dev.holdfast.scanner.scan.TrackedFindings;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One scan at the moment work happens — the next commit ({@code --staged}) or a push ({@code --pre-push}) — from the
 * repository to a {@link Verdict}: what the change adds, compared with the baseline, who is doing it, and for each
 * finding that fails the run what to write instead. It never writes to the repository.
 */
final class HookScan {
    /**
     * At most this much of HEAD's tree is read to learn the names a repository already uses (the blocked files'
     * folders and configuration first): a blocked commit should still be answered in about a second.
     */
    private static final int ADVICE_FILES = 1_000;
    private static final long ADVICE_BYTES = 3L * 1024 * 1024;

    /** The report's target mode for a push (like a range, with what only a push knows: what the remote has). */
    static final String PUSH_MODE = "push";

    /** What is being stopped. */
    enum Kind {
        COMMIT("pre-commit", "commit", "the staged changes"),
        PUSH("pre-push", "push", "the pushed commits");

        final String hook;
        final String verb;
        final String what;

        Kind(String hook, String verb, String what) {
            this.hook = hook;
            this.verb = verb;
            this.what = what;
        }
    }

    /**
     * @param staging  for a commit: which content the commit takes
     * @param updates  for a push: the refs it updates
     * @param remote   for a push: the remote's name (or URL) as git gives it; may be null
     * @param agent    the agent whose hook runs us, or null to look at the environment
     */
    record Request(Path root, String displayPath, Kind kind, Staging staging, List<Path> alsoPaths,
                   List<RefUpdate> updates, String remote, String agent, String failOn, Path config, Path baseline) {
    }

    /** A usage or configuration problem (exit 2) or a failure of the scan itself (exit 3): one line. */
    static final class Failure extends Exception {
        final int exit;

        Failure(int exit, String message, Throwable cause) {
            super(message, cause);
            this.exit = exit;
        }
    }

    /**
     * @param result  what the change adds, after the baseline
     * @param failing the findings that fail the run under {@code --fail-on}, in report order
     * @param advice  fingerprint → what to write instead, for failing secrets
     * @param actor   who is committing or pushing
     * @param empty   true when there was nothing to scan (nothing staged, nothing pushed)
     */
    record Verdict(Kind kind, ScanResult result, List<Finding> failing, Map<String, Advice> advice, Attribution actor,
                   boolean empty) {
        boolean blocks() {
            return !failing.isEmpty();
        }
    }

    private final Console console;
    private final Clock clock;
    private final Function<HoldfastConfig, Detector> detectors;

    HookScan(Console console, Clock clock, Function<HoldfastConfig, Detector> detectors) {
        this.console = console;
        this.clock = clock;
        this.detectors = detectors;
    }

    Verdict run(Request req) throws Failure {
        try (Repository repo = GitRepositories.open(req.root(), console.env())) {
            // the configuration and the baseline live at the top of the work tree, wherever the hook was started
            Path top = repo.isBare() ? req.root() : repo.getWorkTree().toPath().toAbsolutePath().normalize();
            HoldfastConfig cfg;
            CommitAuthorClassifier identities;
            ScanBaseline base;
            try {
                cfg = HoldfastConfig.load(top, req.config());
                identities = ScanWorkflow.identities(cfg);
                base = ScanBaseline.resolve(top, req.baseline());
            } catch (ConfigException | BaselineException e) {
                throw new Failure(ExitCode.USAGE, e.getMessage(), e);
            }
            Attribution actor = Actor.of(committer(repo), req.agent(), console.env(), identities, clock.instant());
            ScanResult result;
            Scanned scanned;
            if (req.kind() == Kind.COMMIT) {
                Detector detector = detectors.apply(cfg);
                scanned = staged(repo, req, cfg, detector, new FindingFactory(base.fingerprinter()));
                ScanResult raw = attributeTo(BaselineStore.withoutArtifacts(scanned.result()), actor);
                result = TrackedFindings.visible(base.apply(raw, null, clock), base.present());
            } else {
                scanned = pushed(repo, req, top, cfg, identities, base);
                result = scanned.result();
            }
            List<Finding> failing = FailPolicy.failing(result, req.failOn());
            Map<String, Advice> advice = advise(repo, failing, base, scanned.lines(), valueRules(cfg));
            return new Verdict(req.kind(), withAdvice(result, advice), failing, advice, actor, scanned.empty());
        } catch (IllegalArgumentException e) {
            throw new Failure(ExitCode.USAGE, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            throw new Failure(ExitCode.RUNTIME, m == null || m.isBlank() ? e.getClass().getSimpleName() : m, e);
        }
    }

    /** A scan and how to read a finding's line back (for advice). */
    private record Scanned(ScanResult result, LineSource lines, boolean empty) {
    }

    @FunctionalInterface
    private interface LineSource {
        /** The finding's file as the change has it, line by line (empty when unknown). */
        List<String> lines(Finding f) throws IOException;
    }

    private Scanned staged(Repository repo, Request req, HoldfastConfig cfg, Detector detector,
                           FindingFactory factory) throws IOException {
        Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
        List<String> also = new ArrayList<>();
        for (Path p : req.alsoPaths()) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.startsWith(top)) {
                also.add(top.relativize(abs).toString().replace('\\', '/'));
            }
        }
        StagedChange change = new StagedChangeReader(repo).read(req.staging(), also);
        ScanResult r = new StagedScanner(detector, factory, cfg.maxFileSize(), cfg::isIgnored)
                .scan(repo, change, req.displayPath());
        Map<String, PendingFile> byPath = new LinkedHashMap<>();
        change.pending().forEach(p -> byPath.put(p.path(), p));
        LineSource lines = f -> {
            PendingFile p = byPath.get(f.location().path());
            if (p == null) {
                return List.of();
            }
            try (ObjectReader reader = repo.newObjectReader()) {
                return linesOf(p.read(reader));
            }
        };
        return new Scanned(r, lines, change.isEmpty());
    }

    /**
     * The commits the push sends, as event mode scans a push (every detector on the files they changed, only what
     * they added, attributed to the commit that added it, compared with the baseline), retargeted as mode
     * {@value #PUSH_MODE}. Nothing is fetched: a hook makes no network call of its own.
     */
    private Scanned pushed(Repository repo, Request req, Path top, HoldfastConfig cfg, CommitAuthorClassifier identities,
                           ScanBaseline base) throws IOException {
        CommitSet set = new PushCommits(repo).resolve(req.updates(), req.remote());
        ScanResult r;
        if (set.starts().isEmpty()) {
            r = new ScanResult(new ScanTarget(req.displayPath(), null, PUSH_MODE), List.of(), Map.of(),
                    set.warnings(), false);
        } else {
            ScanResult scanned = new ScanWorkflow(top, req.displayPath(), cfg, identities, base, clock,
                    ScanProgress.NONE, false, console.err()).commits(set);
            ScanTarget t = scanned.target();
            r = new ScanResult(new ScanTarget(t.path(), t.commit(), PUSH_MODE, t.scope()), scanned.findings(),
                    scanned.rules(), scanned.warnings(), scanned.partial());
        }
        LineSource lines = f -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
                TreeWalk tw = TreeWalk.forPath(reader, f.location().path(),
                        rw.parseCommit(ObjectId.fromString(f.location().commit())).getTree());
                return tw == null ? List.<String>of()
                        : linesOf(reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes());
            }
        };
        return new Scanned(r, lines, set.starts().isEmpty());
    }

    /** The rules that report a value written in a file (the secret catalogue): those get a reference to use. */
    private static java.util.Set<String> valueRules(HoldfastConfig cfg) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        ConfiguredDetectors.catalog(cfg).infos().forEach(r -> ids.add(r.id()));
        return ids;
    }

    private Map<String, Advice> advise(Repository repo, List<Finding> failing, ScanBaseline base, LineSource lines,
                                       java.util.Set<String> valueRules) throws IOException {
        Map<String, Advice> out = new LinkedHashMap<>();
        java.util.function.Predicate<Finding> hasValue = f -> f.category() == Category.SECRET
                || valueRules.contains(f.ruleId());
        if (failing.stream().noneMatch(hasValue)) {
            return out;
        }
        ReferenceCatalogue catalog = ReferenceCatalogue.builtin();
        Supplier<ExistingReferences> existing = () -> {
            try {
                List<ExistingReferences.TextFile> files = new ArrayList<>();
                for (TreeTexts.Text t : TreeTexts.read(repo, repo.resolve(Constants.HEAD + "^{commit}"),
                        ADVICE_FILES, ADVICE_BYTES, AdviceOrder.of(failing), ReferenceCatalogue::mayReferIn)) {
                    files.add(new ExistingReferences.TextFile(t.path(), t.text()));
                }
                return ExistingReferences.scan(files, catalog);
            } catch (IOException e) {
                return ExistingReferences.none(); // advice without the repository's names, never a failed hook
            }
        };
        ReferenceAdvisor advisor = new ReferenceAdvisor(catalog, base.baseline(), existing);
        for (Finding f : failing) {
            if (hasValue.test(f) && !out.containsKey(f.fingerprint())) {
                out.put(f.fingerprint(), advisor.advise(f, lines.lines(f)));
            }
        }
        return out;
    }

    /** Failing secrets carry their advice as properties, for {@code --format json} and every other report. */
    private static ScanResult withAdvice(ScanResult r, Map<String, Advice> advice) {
        if (advice.isEmpty()) {
            return r;
        }
        List<Finding> out = new ArrayList<>(r.findings().size());
        for (Finding f : r.findings()) {
            Advice a = advice.get(f.fingerprint());
            if (a != null) {
                f = f.withProperty("fixSource", a.source().id()).withProperty("fixBasis", a.basis());
                if (a.reference() != null) {
                    f = f.withProperty("fixReference", a.reference());
                }
            }
            out.add(f);
        }
        return new ScanResult(r.target(), out, r.rules(), r.warnings(), r.partial());
    }

    private static ScanResult attributeTo(ScanResult r, Attribution actor) {
        List<Finding> out = r.findings().stream().map(f -> f.withIntroducedBy(actor)).toList();
        return new ScanResult(r.target(), out, r.rules(), r.warnings(), r.partial());
    }

    private dev.holdfast.rules.model.Person committer(Repository repo) {
        org.eclipse.jgit.lib.UserConfig user = repo.getConfig().get(org.eclipse.jgit.lib.UserConfig.KEY);
        return Actor.committer(console.env(), user.isCommitterNameImplicit() ? null : user.getCommitterName(),
                user.isCommitterEmailImplicit() ? null : user.getCommitterEmail());
    }

    private static List<String> linesOf(byte[] content) {
        return List.of(new String(content, StandardCharsets.UTF_8).split("\r?\n", -1));
    }
}

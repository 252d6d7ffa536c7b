package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Status;
import dev.holdfast.remediator.fixers.ConfigReferenceFixer;
import dev.holdfast.remediator.fixers.FixContext;
import dev.holdfast.remediator.fixers.FixerOutcome;
import dev.holdfast.remediator.fixers.IamPolicyFixer;
import dev.holdfast.remediator.fixers.JavaEnvFixer;
import dev.holdfast.remediator.fixers.RuleFixer;
import dev.holdfast.remediator.fixers.WorkflowOidcFixer;
import dev.holdfast.remediator.git.GitFiles;
import dev.holdfast.remediator.git.NameSources;
import dev.holdfast.remediator.git.Reapplier;
import dev.holdfast.remediator.place.FindingPlacer;
import dev.holdfast.scanner.scan.ContentSniffer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns regressed findings into verified changes against HEAD. For each file and fix commit: first the ledger's
 * original fix re-applied with a 3-way merge; when that conflicts, changes nothing or fails verification, the fix's
 * own lines put back where the finding now is ({@link FindingPlacer}); when that is ambiguous, the rule's own fixer,
 * with a reference name the repository already uses ({@link NameSources}); when nothing is safe — or the fix commit
 * is missing from a shallow clone, the file it changed was deleted since, the file is binary — a manual remediation
 * entry and no change. Every change is kept only when a re-scan of the patched file no longer sees the finding and
 * sees nothing that HEAD did not already have.
 */
public final class FixPlanner {
    private final Verifier verifier;
    private final List<RuleFixer> fixers;
    private final Reapplier reapplier = new Reapplier();
    private final FindingPlacer placer = new FindingPlacer();
    private final NameSources names = new NameSources();

    public FixPlanner(Verifier verifier, List<RuleFixer> fixers) {
        this.verifier = Objects.requireNonNull(verifier);
        this.fixers = List.copyOf(fixers);
    }

    /** The planner with every built-in fixer, most specific first. */
    public static FixPlanner withDefaultFixers(Verifier verifier) {
        return new FixPlanner(verifier, defaultFixers());
    }

    public static List<RuleFixer> defaultFixers() {
        return List.of(new WorkflowOidcFixer(), new IamPolicyFixer(), new JavaEnvFixer(), new ConfigReferenceFixer());
    }

    /** Plans against the repository's HEAD; findings that are not {@link Status#REGRESSED} are ignored. */
    public FixPlan plan(Repository repo, List<Finding> findings) {
        RevCommit head = GitFiles.commit(repo, "HEAD");
        List<Fix> fixes = new ArrayList<>();
        List<ManualRemediation> manual = new ArrayList<>();
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        findings.stream().filter(f -> f.status() == Status.REGRESSED).sorted(Finding.ORDER).forEach(f -> {
            if (f.location() == null || f.location().path() == null) {
                manual.add(new ManualRemediation(f, "not a file in this repository; remediate "
                        + (f.location() == null ? "it" : f.location().resource()) + " where it lives"));
                return;
            }
            String fix = f.fixedBy() == null ? "" : f.fixedBy().commit();
            groups.computeIfAbsent(f.location().path() + "\u0000" + fix, k -> new ArrayList<>()).add(f);
        });
        for (List<Finding> group : groups.values()) {
            planFile(repo, head, group, fixes, manual);
        }
        return new FixPlan(head.name(), byFixCommit(fixes), manual);
    }

    /**
     * One change per fix commit: a fix that once touched several files comes back as one branch and one PR with
     * all of them. Findings without a ledger fix stay one change per file.
     */
    static List<Fix> byFixCommit(List<Fix> perFile) {
        Map<String, List<Fix>> byCommit = new LinkedHashMap<>();
        for (Fix f : perFile) {
            String key = f.reapplies() == null || f.reapplies().commit() == null ? "file\u0000" + f.primaryPath()
                    : "commit\u0000" + f.reapplies().commit();
            byCommit.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Fix> out = new ArrayList<>();
        for (List<Fix> same : byCommit.values()) {
            if (same.size() == 1) {
                out.add(same.get(0));
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            List<FileEdit> edits = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            java.util.LinkedHashSet<String> notes = new java.util.LinkedHashSet<>();
            boolean allReapplied = true;
            for (Fix f : same) {
                findings.addAll(f.findings());
                edits.addAll(f.edits());
                reasons.add(f.reason());
                notes.addAll(f.notes());
                allReapplied &= f.strategy() == Strategy.REAPPLY;
            }
            out.add(new Fix(findings, edits, allReapplied ? Strategy.REAPPLY : Strategy.RULE_FIXER,
                    same.get(0).reapplies(), String.join("; ", reasons), same.get(0).baseCommit(),
                    List.copyOf(notes)));
        }
        return out;
    }

    private void planFile(Repository repo, RevCommit head, List<Finding> group, List<Fix> fixes,
                          List<ManualRemediation> manual) {
        String path = group.get(0).location().path();
        FixRef fixRef = group.get(0).fixedBy();
        byte[] headContent = GitFiles.read(repo, head, path);
        if (headContent == null) {
            group.forEach(f -> manual.add(new ManualRemediation(f, path + " is not in HEAD (deleted, or never"
                    + " committed) — manual remediation needed")));
            return;
        }
        if (ContentSniffer.textOrNull(headContent) == null) {
            group.forEach(f -> manual.add(new ManualRemediation(f, path + " is a binary file; Holdfast does not edit"
                    + " binary files — manual remediation needed")));
            return;
        }
        List<Detection> headDetections;
        try {
            headDetections = verifier.scan(new Document(path, headContent));
        } catch (RuntimeException e) {
            group.forEach(f -> manual.add(new ManualRemediation(f, "could not re-scan " + path + " at HEAD ("
                    + e.getClass().getSimpleName() + "); nothing to verify a change against")));
            return;
        }
        List<Finding> matched = new ArrayList<>();
        List<Detection> targets = new ArrayList<>();
        for (Finding f : group) {
            List<Detection> hits = headDetections.stream().filter(d -> matches(f, d)).toList();
            if (hits.isEmpty()) {
                manual.add(new ManualRemediation(f, "the rules no longer detect " + f.ruleId() + " in " + path
                        + " at HEAD; nothing to verify a change against"));
            } else {
                matched.add(f);
                hits.stream().filter(h -> !targets.contains(h)).forEach(targets::add);
            }
        }
        if (matched.isEmpty()) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        byte[] fixVersion = null;
        if (fixRef != null && fixRef.commit() != null) {
            Reapplier.Result r = reapplier.reapply(repo, head, fixRef.commit(), candidatePaths(path, matched),
                    headContent);
            if (r.outcome() == Reapplier.Outcome.MISSING_COMMIT || r.outcome() == Reapplier.Outcome.DELETED_SINCE) {
                // Without the fix's own lines any change would be a guess: say why, change nothing.
                String why = r.why() + " — manual remediation needed";
                matched.forEach(f -> manual.add(new ManualRemediation(f, why)));
                return;
            }
            fixVersion = r.fixVersion();
            if (r.applied()) {
                String failure = verify(path, headDetections, targets, r.content(), r.fixVersion());
                if (failure == null) {
                    fixes.add(new Fix(matched, List.of(new FileEdit(path, headContent, r.content())), Strategy.REAPPLY,
                            fixRef, "re-applies fix commit " + abbreviate(fixRef.commit()) + " to " + path
                            + " (3-way merge)", head.name()));
                    return;
                }
                reasons.add("re-applying fix commit " + abbreviate(fixRef.commit()) + ": " + failure);
            } else {
                reasons.add(r.why());
            }
            if (r.base() != null && r.fixVersion() != null) {
                String placed = placeAtFinding(path, r, headContent, headDetections, targets, matched, fixRef, head,
                        fixes);
                if (placed == null) {
                    return;
                }
                reasons.add(placed);
            }
        } else {
            reasons.add("no fix commit in the ledger");
        }
        FixContext context = new FixContext(path, headContent, fixVersion, matched, targets,
                names.gather(repo, head, path, fixRef, fixVersion));
        for (RuleFixer fixer : fixers) {
            if (!fixer.handles(context)) {
                continue;
            }
            FixerOutcome outcome = fixer.fix(context);
            if (!outcome.applied()) {
                reasons.add(fixer.name() + " fixer: " + outcome.refusal());
                break;
            }
            String failure = verify(path, headDetections, targets, outcome.content(), context.fixVersion());
            if (failure == null) {
                fixes.add(new Fix(matched, List.of(new FileEdit(path, headContent, outcome.content())),
                        Strategy.RULE_FIXER, fixRef, outcome.description(), head.name(), outcome.notes()));
                return;
            }
            reasons.add(fixer.name() + " fixer: " + failure);
            break;
        }
        if (reasons.size() == 1 && fixers.stream().noneMatch(x -> x.handles(context))) {
            reasons.add("no fixer for this kind of file");
        }
        String why = String.join("; ", reasons) + " — manual remediation needed";
        matched.forEach(f -> manual.add(new ManualRemediation(f, why)));
    }

    /**
     * The fix's own lines put back where the finding now is ({@link FindingPlacer}). Adds the change and returns null
     * when it verifies; else returns why not.
     */
    private String placeAtFinding(String path, Reapplier.Result r, byte[] headContent, List<Detection> headDetections,
                                  List<Detection> targets, List<Finding> matched, FixRef fixRef, RevCommit head,
                                  List<Fix> fixes) {
        String base = text(r.base());
        String fixed = text(r.fixVersion());
        String now = text(headContent);
        if (base == null || fixed == null || now == null) {
            return "placing fix commit " + abbreviate(fixRef.commit()) + "'s lines at the finding: " + path
                    + " is not UTF-8 text in every version";
        }
        List<Detection> baseFound;
        try {
            baseFound = verifier.scan(new Document(r.fixPath(), r.base()));
        } catch (RuntimeException e) {
            baseFound = List.of();
        }
        FindingPlacer.Placement p = placer.place(new FindingPlacer.Input(path, r.fixPath(), base, fixed,
                now, baseFound, targets));
        String fix = abbreviate(fixRef.commit());
        if (!p.placed()) {
            return "placing fix commit " + fix + "'s lines at the finding: " + p.refusal();
        }
        byte[] content = p.content().getBytes(StandardCharsets.UTF_8);
        String failure = verify(path, headDetections, targets, content, r.fixVersion());
        if (failure != null) {
            return "placing fix commit " + fix + "'s lines at the finding: " + failure;
        }
        fixes.add(new Fix(matched, List.of(new FileEdit(path, headContent, content)), Strategy.REAPPLY, fixRef,
                "puts fix commit " + fix + "'s own lines back at line" + (p.changedLines().size() == 1 ? " " : "s ")
                        + lines(p.changedLines()) + " of " + path + ", where the finding now is (the file changed"
                        + " since the fix; every other line stays as it is)", head.name()));
        return null;
    }

    private static String lines(List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** UTF-8 text, or null for binary content. */
    private static String text(byte[] content) {
        return content == null || ContentSniffer.textOrNull(content) != content ? null
                : new String(content, StandardCharsets.UTF_8);
    }

    private String verify(String path, List<Detection> headDetections, List<Detection> targets, byte[] patched,
                          byte[] fixVersion) {
        List<Detection> reviewed = List.of();
        if (fixVersion != null) {
            try {
                reviewed = verifier.scan(new Document(path, fixVersion));
            } catch (RuntimeException e) {
                reviewed = List.of();
            }
        }
        return Verification.check(verifier, path, headDetections, targets, patched, reviewed);
    }

    private static List<String> candidatePaths(String path, List<Finding> findings) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        out.add(path);
        for (Finding f : findings) {
            String fixPaths = FindingProperty.FIX_PATHS.get(f);
            if (fixPaths != null) {
                for (String p : fixPaths.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.strip());
                    }
                }
            }
            String lineage = FindingProperty.LINEAGE.get(f);
            if (lineage != null && !lineage.isBlank()) {
                out.add(lineage);
            }
        }
        return List.copyOf(out);
    }

    /** A detection is the finding when the rule matches and the redacted value (or, lacking one, the line) does. */
    static boolean matches(Finding f, Detection d) {
        if (!f.ruleId().equals(d.ruleId())) {
            return false;
        }
        if (f.redacted() != null && !f.redacted().isEmpty()) {
            return f.redacted().equals(d.redacted());
        }
        return f.location().line() == d.line();
    }

    static String abbreviate(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}

package dev.holdfast.cli;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.remediator.advice.Advice;
import dev.holdfast.scanner.scan.Sanitize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The short explanation a blocked commit or push gets, written so that an agent can act on it without a human: what
 * was stopped and that nothing was lost, then per finding the rule, file and line, the redacted value and what to write
 * instead, then how to go on. Never the raw value (findings hold none).
 */
final class BlockMessage {
    /** At most this many findings are listed; the rest are counted. */
    static final int MAX_LISTED = 10;

    private BlockMessage() {
    }

    static String render(HookScan.Verdict v) {
        List<Finding> failing = v.failing();
        StringBuilder b = new StringBuilder();
        b.append("holdfast: ").append(v.kind().verb).append(" blocked: ").append(count(failing, v)).append(" in ")
                .append(v.kind().what).append(". ")
                .append(v.kind() == HookScan.Kind.COMMIT
                        ? "Nothing was committed; your files and staged changes are untouched.\n"
                        : "Nothing was pushed.\n");
        Set<String> files = new LinkedHashSet<>();
        for (int i = 0; i < failing.size() && i < MAX_LISTED; i++) {
            Finding f = failing.get(i);
            files.add(f.location().path());
            b.append("  ").append(where(f)).append("  ").append(f.ruleId()).append("  ")
                    .append(Sanitize.oneLine(f.redacted())).append("  (").append(status(f)).append(")\n");
            b.append("    fix: ").append(fix(f, v)).append('\n');
        }
        if (failing.size() > MAX_LISTED) {
            b.append("  … and ").append(failing.size() - MAX_LISTED).append(" more (--format json lists all)\n");
        }
        b.append("  then: ").append(next(v, files)).append('\n');
        b.append("  not a secret? add `holdfast:allow` to its line; a reviewed risk? "
                + "`holdfast baseline --accept FINGERPRINT --reason \"...\"` (fingerprints: --format json)\n");
        return b.toString();
    }

    private static String count(List<Finding> failing, HookScan.Verdict v) {
        long secrets = failing.stream().filter(f -> f.category() == Category.SECRET
                || v.advice().containsKey(f.fingerprint())).count();
        long other = failing.size() - secrets;
        List<String> parts = new ArrayList<>();
        if (secrets > 0) {
            parts.add(secrets + (secrets == 1 ? " secret" : " secrets"));
        }
        if (other > 0) {
            parts.add(other + (other == 1 ? " other finding" : " other findings"));
        }
        return String.join(" and ", parts);
    }

    /** The place, and for a push the commit that added the value there (the one to rewrite). */
    private static String where(Finding f) {
        String at = Sanitize.oneLine(f.location().path()) + ":" + f.location().line();
        String commit = f.introducedBy() != null && f.introducedBy().commit() != null ? f.introducedBy().commit()
                : f.location().commit();
        return commit == null ? at : at + " in commit " + commit.substring(0, Math.min(12, commit.length()));
    }

    private static String status(Finding f) {
        if (f.status() == Status.REGRESSED) {
            String by = f.fixedBy() == null || f.fixedBy().commit() == null ? "an earlier fix"
                    : "fix " + f.fixedBy().commit().substring(0, Math.min(8, f.fixedBy().commit().length()));
            return "regressed: " + by + " removed this value; putting it back undoes that fix";
        }
        if (FindingProperty.isTrue(FindingProperty.ACCEPTANCE_EXPIRED, f)) {
            return "accepted risk whose acceptance expired";
        }
        return f.status().id();
    }

    private static String fix(Finding f, HookScan.Verdict v) {
        Advice a = v.advice().get(f.fingerprint());
        if (a == null) {
            String r = f.remediation();
            return r == null || r.isBlank() ? "remove it from " + f.location().path() : Sanitize.oneLine(r);
        }
        String path = Sanitize.oneLine(f.location().path());
        if (a.source() == Advice.Source.UNTRACK) {
            return "stop tracking " + path + " (" + a.basis() + "): add it to .gitignore, run `git rm --cached "
                    + path + "`, and keep its values in " + a.where();
        }
        return "write " + a.reference() + " instead of the value (" + a.basis() + ") and set " + a.name() + " in "
                + a.where();
    }

    private static String next(HookScan.Verdict v, Set<String> files) {
        if (v.kind() == HookScan.Kind.COMMIT) {
            return "`git add " + String.join(" ", files.stream().map(Sanitize::oneLine).toList())
                    + "` and commit again";
        }
        return "rewrite the commit(s) named above (`git commit --amend` for the last one, else `git rebase -i "
                + "<commit>~1`), then push again; rotate any key that was already shared";
    }
}

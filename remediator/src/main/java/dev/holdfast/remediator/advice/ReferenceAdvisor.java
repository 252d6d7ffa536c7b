package dev.holdfast.remediator.advice;

import dev.holdfast.scanner.baseline.Baseline;
import dev.holdfast.scanner.baseline.FixRecord;
import dev.holdfast.scanner.baseline.LedgerChange;
import dev.holdfast.scanner.baseline.LedgerEntry;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.remediator.fixers.EnvNames;
import dev.holdfast.remediator.fixers.YamlKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the reference to write instead of a secret, preferring what the team already decided: the reference the
 * ledger's fix put in place of this very value, else the one a fix used for this rule before, else a reference the
 * repository already writes with a matching name, else the provider's conventional variable (or one named after the
 * key that held the value). Files that exist to hold secrets ({@code .env}, key files) are to be untracked instead.
 */
public final class ReferenceAdvisor {
    /** The key a value is assigned to: {@code aws.accessKeyId=}, {@code password: "}, {@code "apiKey": "}. */
    private static final Pattern HOLDER = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.\\-]*)[\"']?\\s*(?::=|=>|[:=])\\s*[\"'`]?\\s*$");

    private final ReferenceCatalogue catalog;
    private final Baseline baseline;
    private final Supplier<ExistingReferences> existing;
    private ExistingReferences read;

    /**
     * @param baseline the baseline with its ledger, or null
     * @param existing the repository's references, read only when the ledger has no answer
     */
    public ReferenceAdvisor(ReferenceCatalogue catalog, Baseline baseline, Supplier<ExistingReferences> existing) {
        this.catalog = catalog;
        this.baseline = baseline;
        this.existing = existing;
    }

    /**
     * @param fileLines the finding's file as the change has it, one entry per line (used to name the key that holds
     *                  the value; may be empty)
     */
    public Advice advise(Finding f, List<String> fileLines) {
        String path = f.location().path();
        ReferenceCatalogue.Syntax syntax = catalog.syntaxFor(path);
        if (catalog.holdsSecretsByPurpose(path)) {
            return new Advice(null, null, Advice.Source.UNTRACK, path + " exists to hold secrets", syntax.where());
        }
        String holder = holder(fileLines, f.location().line(), f.location().column(), path);
        Advice fromLedger = fromLedger(f, syntax);
        if (fromLedger != null) {
            return fromLedger;
        }
        Set<String> wanted = wantedNames(f.ruleId(), holder);
        ExistingReferences.Seen best = best(wanted, path);
        if (best != null) {
            String reference = sameSyntax(best.path(), path) ? best.expression() : syntax.render(best.name());
            return new Advice(reference, best.name(), Advice.Source.REPOSITORY, best.path() + ":" + best.line()
                    + " already uses " + best.name(), syntax.where());
        }
        String name = EnvNames.choose(f.ruleId(), holder);
        String basis = EnvNames.forRule(f.ruleId()) != null ? "the variable the provider's tools read"
                : holder != null ? "named after " + holder : "named after the rule";
        return new Advice(syntax.render(name), name, Advice.Source.CONVENTION, basis, syntax.where());
    }

    private Advice fromLedger(Finding f, ReferenceCatalogue.Syntax syntax) {
        if (baseline == null) {
            return null;
        }
        Map<String, LedgerEntry> ledger = baseline.ledger();
        LedgerEntry own = ledger.get(f.fingerprint());
        if (own != null) {
            ReferenceCatalogue.Found r = firstReference(own, f.location().path());
            if (r != null) {
                return ledgerAdvice(r, own.changes(), own.fix(), "replaced this value with it", f, syntax);
            }
        }
        for (LedgerEntry e : ledger.values()) {
            if (e != own && f.ruleId().equals(e.ruleId())) {
                ReferenceCatalogue.Found r = firstReference(e, f.location().path());
                if (r != null) {
                    return ledgerAdvice(r, e.changes(), e.fix(), "used it for " + f.ruleId() + " before", f, syntax);
                }
            }
        }
        return null;
    }

    private Advice ledgerAdvice(ReferenceCatalogue.Found r, List<LedgerChange> changes, FixRecord fix, String what,
                                Finding f, ReferenceCatalogue.Syntax syntax) {
        String from = changes.isEmpty() ? f.location().path() : changes.get(0).path();
        String reference = sameSyntax(from, f.location().path()) ? r.expression() : syntax.render(r.name());
        String who = fix == null ? "a fix" : "fix " + abbreviate(fix.commit())
                + (fix.name() == null || fix.name().isBlank() ? "" : " by " + fix.name());
        return new Advice(reference, r.name(), Advice.Source.LEDGER, who + " " + what, syntax.where());
    }

    /** The first reference a fix added, in its change to {@code path} first, then in its other changes. */
    private ReferenceCatalogue.Found firstReference(LedgerEntry e, String path) {
        List<LedgerChange> ordered = new ArrayList<>();
        e.changes().stream().filter(c -> c.path().equals(path)).forEach(ordered::add);
        e.changes().stream().filter(c -> !c.path().equals(path)).forEach(ordered::add);
        for (LedgerChange c : ordered) {
            if (c.patch() == null) {
                continue;
            }
            for (String line : c.patch().split("\n")) {
                if (line.startsWith("+") && !line.startsWith("+++")) {
                    List<ReferenceCatalogue.Found> found = catalog.find(c.path(), line.substring(1));
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
        }
        return null;
    }

    /** The repository's reference whose name best matches, the finding's own file and folder first. */
    private ExistingReferences.Seen best(Set<String> wanted, String path) {
        if (wanted.isEmpty()) {
            return null;
        }
        if (read == null) {
            read = existing.get();
        }
        ExistingReferences.Seen best = null;
        int bestScore = 0;
        for (ExistingReferences.Seen s : read.all()) {
            int score = score(s.name(), wanted);
            if (score == 0) {
                continue;
            }
            score = score * 4 + (s.path().equals(path) ? 2 : folder(s.path()).equals(folder(path)) ? 1 : 0);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** 0 unless the name is one of the wanted names, or shares at least two words with one covering most of it. */
    private static int score(String name, Set<String> wanted) {
        String constant = EnvNames.constantCase(name);
        if (wanted.contains(constant)) {
            return 100;
        }
        Set<String> words = words(constant);
        int best = 0;
        for (String w : wanted) {
            Set<String> want = words(w);
            Set<String> common = new LinkedHashSet<>(words);
            common.retainAll(want);
            if (common.size() >= 2 && common.size() * 2 >= want.size() && common.size() * 2 >= words.size()) {
                best = Math.max(best, common.size());
            }
        }
        return best;
    }

    private static Set<String> wantedNames(String ruleId, String holder) {
        Set<String> out = new LinkedHashSet<>();
        String byRule = EnvNames.forRule(ruleId);
        if (byRule != null) {
            out.add(byRule);
        }
        String fromHolder = EnvNames.constantCase(holder);
        if (!fromHolder.isEmpty()) {
            out.add(fromHolder);
        }
        return out;
    }

    private static Set<String> words(String constant) {
        return new LinkedHashSet<>(Arrays.asList(constant.toLowerCase(Locale.ROOT).split("_+")));
    }

    /** The key the value is assigned to (with its parents in YAML: {@code db.password}), or null. */
    static String holder(List<String> lines, int line, int column, String path) {
        if (line < 1 || line > lines.size() || column <= 1) {
            return null;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            String yaml = YamlKeys.path(i -> lines.get(i - 1), line);
            if (yaml != null) {
                return yaml;
            }
        }
        String lineText = lines.get(line - 1);
        String before = lineText.substring(0, Math.min(column - 1, lineText.length()));
        Matcher m = HOLDER.matcher(before);
        return m.find() ? m.group(1) : null;
    }

    private boolean sameSyntax(String a, String b) {
        return catalog.syntaxFor(a).write().equals(catalog.syntaxFor(b).write());
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String abbreviate(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(8, commit.length()));
    }
}

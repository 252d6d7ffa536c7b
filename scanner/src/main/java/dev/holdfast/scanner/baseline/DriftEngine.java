package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one drift engine, for code and cloud alike: against what an earlier state knows (a reviewed baseline and its
 * fix ledger; an earlier cloud snapshot and its history of removed grants), each current finding is {@code new},
 * {@code existing} or {@code regressed}, and each finding the earlier state holds open that the run no longer sees is
 * {@code fixed} — but only when the run saw everything that finding's rule looks at.
 */
public final class DriftEngine {
    private DriftEngine() {
    }

    /** What an earlier state knows. */
    public interface Prior {
        /** Its record of a fingerprint, or null when it never saw it. */
        Known known(String fingerprint);

        /** The fingerprints it holds open (not fixed), in a stable order. */
        Collection<String> open();

        /** An open finding as it reads when reported fixed. */
        Finding asFixed(String fingerprint);
    }

    /**
     * One fingerprint's record.
     *
     * @param kind       OPEN: reviewed and still there; FIXED: removed by a known fix; SEEN: seen once, no verdict
     * @param fixedBy    the fix that removed it (FIXED), or that an open one once had; may be null
     * @param properties what an existing finding carries from the record (an acceptance), else empty
     */
    public record Known(Kind kind, FixRef fixedBy, Map<String, String> properties) {
        public enum Kind { OPEN, FIXED, SEEN }

        public Known {
            properties = properties == null ? Map.of() : properties;
        }

        public static Known open() {
            return new Known(Kind.OPEN, null, Map.of());
        }

        public static Known fixed(FixRef by) {
            return new Known(Kind.FIXED, by, Map.of());
        }
    }

    /**
     * How one run compares.
     *
     * @param inTreeNow whether a fingerprint is in the tree at HEAD: a history scan also reports values that only
     *                  exist in old commits, and one the earlier state knows is then {@code fixed} (carrying its
     *                  fix), not {@code regressed}. Every other run passes "always".
     * @param refineNew a second look at a finding that would be {@code new} (a fix undone with another value, a risk
     *                  that a returned grant completes): it may make it {@code regressed}
     * @param complete  whether the run saw its whole target: a partial or range run cannot tell that something is gone
     * @param ruleRan   whether the run ran a rule: a rule that did not run cannot say its findings are gone
     */
    public record Run(Predicate<String> inTreeNow, UnaryOperator<Finding> refineNew, boolean complete,
                      Predicate<String> ruleRan) {
    }

    /** The current findings with their statuses, then the fixed ones. Findings already {@code fixed} pass through. */
    public static List<Finding> compare(List<Finding> current, Prior prior, Run run) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Finding f : current) {
            if (f.status() == Status.FIXED) {
                out.add(f);
                continue;
            }
            seen.add(f.fingerprint());
            out.add(judge(f, prior.known(f.fingerprint()), run));
        }
        if (run.complete()) {
            for (String fingerprint : prior.open()) {
                if (!seen.contains(fingerprint)) {
                    Finding gone = prior.asFixed(fingerprint);
                    if (run.ruleRan().test(gone.ruleId())) {
                        out.add(gone.withStatus(Status.FIXED));
                    }
                }
            }
        }
        return out;
    }

    private static Finding judge(Finding f, Known k, Run run) {
        if (k != null && !run.inTreeNow().test(f.fingerprint())) {
            return f.withStatus(Status.FIXED).withFixedBy(k.fixedBy());
        }
        if (k == null || k.kind() == Known.Kind.SEEN) {
            return run.refineNew().apply(f.withStatus(Status.NEW));
        }
        if (k.kind() == Known.Kind.OPEN) {
            Finding g = f.withStatus(Status.EXISTING);
            for (Map.Entry<String, String> p : new java.util.TreeMap<>(k.properties()).entrySet()) {
                g = g.withProperty(p.getKey(), p.getValue());
            }
            return g;
        }
        return f.withStatus(Status.REGRESSED).withFixedBy(k.fixedBy());
    }
}

package dev.holdfast.remediator;

import dev.holdfast.rules.model.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic names for a fix: {@code holdfast/<kind>/<slug>-<digest>}, where the slug comes from the rule id and
 * file name and the digest is a short hash of the sorted fingerprints (themselves keyed hashes, so nothing of the
 * secret can be recovered from a branch name).
 */
public final class FixNames {
    public static final String PREFIX = "holdfast/";

    private FixNames() {
    }

    /** "narrowing" for a change that takes away grants nobody used (a cloud suggestion), else "regression". */
    public static String kind(Fix fix) {
        return isNarrowing(fix) ? "narrowing" : "regression";
    }

    public static boolean isNarrowing(Fix fix) {
        return !fix.findings().isEmpty() && fix.reapplies() == null && fix.findings().stream()
                .allMatch(f -> dev.holdfast.remediator.narrowing.TerraformNarrowing.RULE.equals(f.ruleId()));
    }

    public static String branch(Fix fix) {
        return PREFIX + kind(fix) + "/" + slug(fix) + "-" + digest(fix);
    }

    public static String slug(Fix fix) {
        String path = fix.primaryPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        String s = (fix.findings().get(0).ruleId() + "-" + file).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
    }

    /** The first 10 hex digits of SHA-256 over the sorted fingerprints. */
    public static String digest(Fix fix) {
        List<String> prints = fix.findings().stream().map(Finding::fingerprint).sorted().distinct().toList();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", prints).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> fingerprints(Fix fix) {
        return fix.findings().stream().map(Finding::fingerprint).sorted().distinct().toList();
    }

    /** The PR title: what is fixed, where. */
    public static String title(Fix fix) {
        Finding f = fix.findings().get(0);
        String what = fix.findings().size() == 1 ? f.ruleId() : f.ruleId() + " (+" + (fix.findings().size() - 1) + ")";
        int others = fix.edits().size() - 1;
        return (isNarrowing(fix) ? "Narrow unused grants: " : "Reapply removed fix: ") + what + " in "
                + fix.primaryPath()
                + (others == 0 ? "" : " and " + others + (others == 1 ? " other file" : " other files"));
    }

    /** The commit message: rule, file and the fix commit it restores; never the value. */
    public static String commitMessage(Fix fix) {
        StringBuilder sb = new StringBuilder(title(fix)).append("\n\n");
        if (fix.reapplies() != null) {
            sb.append("Restores fix commit ").append(fix.reapplies().commit());
            if (fix.reapplies().name() != null) {
                sb.append(" by ").append(fix.reapplies().name());
            }
            var by = fix.findings().get(0).introducedBy();
            sb.append(by == null || by.commit() == null ? ", undone by a later change.\n"
                    : ", undone in " + by.commit().substring(0, Math.min(10, by.commit().length())) + " by "
                    + (by.kind() == null ? "" : by.kind().id() + " ") + by.name() + ".\n");
        }
        sb.append(fix.strategy() == Strategy.REAPPLY ? "Change: " : "Change (rule fixer): ").append(fix.reason())
                .append(".\n\n");
        for (Finding f : fix.findings()) {
            sb.append("Holdfast-Finding: ").append(f.fingerprint()).append('\n');
        }
        return sb.toString();
    }
}

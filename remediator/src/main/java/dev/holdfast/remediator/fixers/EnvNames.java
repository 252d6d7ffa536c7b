package dev.holdfast.remediator.fixers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Environment variable names for secrets: the provider's conventional name for a rule (data:
 * {@code env-names.properties}), else one derived from the key or variable that held the secret.
 */
public final class EnvNames {
    private static final Properties BY_RULE = load();

    private EnvNames() {
    }

    /** The conventional variable for a rule (e.g. AWS_SECRET_ACCESS_KEY), or null. */
    public static String forRule(String ruleId) {
        return ruleId == null ? null : BY_RULE.getProperty(ruleId);
    }

    /**
     * The rule's conventional name when it has one, else the holder's name in CONSTANT_CASE, else one made from the
     * rule id.
     */
    public static String choose(String ruleId, String holderName) {
        String byRule = forRule(ruleId);
        if (byRule != null) {
            return byRule;
        }
        String fromHolder = constantCase(holderName);
        if (!fromHolder.isEmpty()) {
            return fromHolder;
        }
        String fromRule = constantCase(ruleId);
        return fromRule.isEmpty() ? "HOLDFAST_SECRET" : fromRule;
    }

    /**
     * Detections whose rule has a conventional variable first (stable otherwise): when two rules report the same
     * value, the provider's name (AWS_ACCESS_KEY_ID) wins over one derived from a variable name.
     */
    public static java.util.List<dev.holdfast.rules.detect.Detection> conventionalFirst(
            java.util.List<dev.holdfast.rules.detect.Detection> targets) {
        return targets.stream().sorted(java.util.Comparator.comparing(
                (dev.holdfast.rules.detect.Detection d) -> forRule(d.ruleId()) == null)).toList();
    }

    /** {@code awsSecretKey}, {@code aws.secret-key}, {@code aws_secret_key} → {@code AWS_SECRET_KEY}. */
    public static String constantCase(String name) {
        if (name == null) {
            return "";
        }
        String split = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        String s = split.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return s;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = EnvNames.class.getResourceAsStream("env-names.properties")) {
            if (in == null) {
                throw new IllegalStateException("env-names.properties missing from the remediator jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}

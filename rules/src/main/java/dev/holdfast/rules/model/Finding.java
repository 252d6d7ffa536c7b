package dev.holdfast.rules.model;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reported risk. Holds no raw secret: {@code redacted} is the only form of the value that survives the scan.
 *
 * @param fingerprint  keyed hash of rule + subject + lineage; stable across line moves
 * @param status       relative to the baseline; {@link Status#NEW} when there is none
 * @param introducedBy null outside git or cloud attribution
 * @param fixedBy      for regressions: the fix that was undone, else null
 * @param properties   extra, rule-specific facts (sorted); never a raw secret
 */
public record Finding(String fingerprint, String ruleId, Category category, Severity severity, Status status,
                      String message, Location location, String redacted, Attribution introducedBy, FixRef fixedBy,
                      String remediation, Map<String, String> properties) {

    /** Most severe first, then by path, line, column, rule and fingerprint: stable across runs. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> nz(f.location().path()))
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(f -> nz(f.location().resource()))
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::fingerprint);

    public Finding {
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public Finding withStatus(Status s) {
        return new Finding(fingerprint, ruleId, category, severity, s, message, location, redacted, introducedBy,
                fixedBy, remediation, properties);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(fingerprint, ruleId, category, s, status, message, location, redacted, introducedBy,
                fixedBy, remediation, properties);
    }

    public Finding withIntroducedBy(Attribution a) {
        return new Finding(fingerprint, ruleId, category, severity, status, message, location, redacted, a,
                fixedBy, remediation, properties);
    }

    public Finding withFixedBy(FixRef f) {
        return new Finding(fingerprint, ruleId, category, severity, status, message, location, redacted, introducedBy,
                f, remediation, properties);
    }

    public Finding withLocation(Location l) {
        return new Finding(fingerprint, ruleId, category, severity, status, message, l, redacted, introducedBy,
                fixedBy, remediation, properties);
    }

    public Finding withProperty(String key, String value) {
        Map<String, String> p = new TreeMap<>(properties);
        p.put(key, value);
        return new Finding(fingerprint, ruleId, category, severity, status, message, location, redacted, introducedBy,
                fixedBy, remediation, p);
    }
}

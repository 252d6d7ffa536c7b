package dev.holdfast.cloud;

import java.util.Map;

/**
 * The numbers the cloud rules judge by, from {@code cloud-thresholds.yml}; {@link #withOverrides} applies a
 * {@code .holdfast.yml} {@code cloud:} section.
 */
public record CloudThresholds(int accessKeyMaxAgeDays, int accessKeyUnusedDays, int roleUnusedDays,
                              int agentMaxSessionSeconds, int credentialMaxValidityDays,
                              int credentialLongValidityDays, int credentialExpiringWithinDays) {

    public static CloudThresholds defaults() {
        return Resources.yaml("cloud-thresholds.yml", CloudThresholds.class);
    }

    /** Keys as in the YAML file; unknown keys are a configuration error. */
    public CloudThresholds withOverrides(Map<String, ?> o) {
        if (o == null || o.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new java.util.TreeMap<>(Resources.YAML.convertValue(this, Map.class));
        for (Map.Entry<String, ?> e : o.entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown cloud threshold '" + e.getKey() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return Resources.YAML.convertValue(merged, CloudThresholds.class);
    }
}

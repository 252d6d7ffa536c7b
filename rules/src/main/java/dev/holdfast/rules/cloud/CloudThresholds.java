package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The numbers the cloud rules judge by, from {@code thresholds.yml}; {@link #withOverrides} applies a
 * {@code .holdfast.yml} {@code cloud:} section.
 */
public record CloudThresholds(int accessKeyMaxAgeDays, int accessKeyUnusedDays, int roleUnusedDays,
                              int agentMaxSessionSeconds, int credentialMaxValidityDays,
                              int credentialLongValidityDays, int credentialExpiringWithinDays) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static CloudThresholds defaults() {
        try (InputStream in = CloudThresholds.class.getResourceAsStream("thresholds.yml")) {
            return YAML.readValue(in, CloudThresholds.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cloud thresholds.yml", e);
        }
    }

    /** Keys as in the YAML file; unknown keys are a configuration error. */
    public CloudThresholds withOverrides(Map<String, ?> o) {
        if (o == null || o.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new java.util.TreeMap<>(YAML.convertValue(this, Map.class));
        for (Map.Entry<String, ?> e : o.entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown cloud threshold '" + e.getKey() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return YAML.convertValue(merged, CloudThresholds.class);
    }
}

package dev.holdfast.rules.support;

import java.util.Map;

/** Reads numeric thresholds from the configuration map, falling back to a default and naming a bad value. */
public final class Thresholds {
    private Thresholds() {
    }

    public static long get(Map<String, String> thresholds, String key, long defaultValue) {
        String v = thresholds == null ? null : thresholds.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold " + key + " must be a whole number, got '" + v + "'");
        }
    }
}

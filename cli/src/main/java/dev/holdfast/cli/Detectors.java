package dev.holdfast.cli;

import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.detect.Detector;
import dev.holdfast.scan.CompositeDetector;

import java.util.ArrayList;
import java.util.List;

/** Assembles every detector the configuration enables. */
final class Detectors {
    private Detectors() {
    }

    static CompositeDetector build(HoldfastConfig config, java.time.Clock clock) {
        List<Detector> all = new ArrayList<>();
        return new CompositeDetector(all, config.disabledRules());
    }
}

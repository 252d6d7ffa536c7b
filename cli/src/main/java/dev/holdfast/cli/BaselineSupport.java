package dev.holdfast.cli;

import dev.holdfast.baseline.BaselineWorkflow;
import dev.holdfast.baseline.BaselineStore;
import dev.holdfast.baseline.CommitAttributor;
import dev.holdfast.config.ConfigException;
import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.identity.CommitAuthorClassifier;
import dev.holdfast.detect.Detector;

import java.time.Clock;
import java.util.function.Function;

/** Wires the baseline workflow from the configuration, the same way for `baseline`, `demo` and `scan`. */
final class BaselineSupport {
    private BaselineSupport() {
    }

    /** The configured detectors; tests substitute their own through the commands' package-private constructors. */
    static Function<HoldfastConfig, Detector> detectors(Clock clock) {
        return config -> Detectors.build(config, clock);
    }

    static BaselineWorkflow workflow(HoldfastConfig config, Detector detector, String displayPath) {
        return new BaselineWorkflow(detector, attributor(config),
                BaselineWorkflow.treeScan(config, detector, displayPath, null), new BaselineStore(), config);
    }

    /**
     * Who made a commit, classified by the built-in identity patterns plus the config's {@code identities}.
     *
     * @throws ConfigException when the config's identities section is invalid
     */
    static CommitAttributor attributor(HoldfastConfig config) {
        return CommitAttributor.of(identities(config));
    }

    static CommitAuthorClassifier identities(HoldfastConfig config) {
        try {
            return CommitAuthorClassifier.builtin().withExtra(config.identities());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source() + ": " + e.getMessage(), e);
        }
    }
}

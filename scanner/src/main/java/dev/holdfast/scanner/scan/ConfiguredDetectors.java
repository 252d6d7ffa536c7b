package dev.holdfast.scanner.scan;

import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.StructuredDetectors;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.RuleFileException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Assembles every detector the configuration enables. */
public final class ConfiguredDetectors {
    private ConfiguredDetectors() {
    }

    /** The secret rules: built-in plus the config's rule files, minus disabled ones. */
    public static RuleCatalogue catalog(HoldfastConfig config) {
        RuleCatalogue catalog = RuleCatalogue.builtin();
        try {
            for (Path file : config.ruleFiles()) {
                catalog = catalog.plus(RuleCatalogue.load(file));
            }
        } catch (RuleFileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return catalog.without(config.disabledRules());
    }

    /**
     * The secret rules alone, for a whole-history scan; the thresholds of the other detectors are still checked, so
     * that a bad value is reported whatever the mode.
     *
     * @throws ConfigException when a configured rule file or threshold is invalid
     */
    public static CompositeDetector secrets(HoldfastConfig config, Clock clock) {
        structured(config, clock);
        return new CompositeDetector(List.of(catalog(config).detector(config::isAllowedValue)),
                config.disabledRules());
    }

    /**
     * @throws ConfigException when a configured rule file or threshold is invalid
     */
    public static CompositeDetector build(HoldfastConfig config, Clock clock) {
        List<Detector> all = new ArrayList<>();
        all.add(catalog(config).detector(config::isAllowedValue));
        all.addAll(structured(config, clock));
        return new CompositeDetector(all, config.disabledRules());
    }

    private static List<Detector> structured(HoldfastConfig config, Clock clock) {
        try {
            return StructuredDetectors.forScan(clock, config.thresholds());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source() + ": thresholds: " + e.getMessage(), e);
        }
    }
}

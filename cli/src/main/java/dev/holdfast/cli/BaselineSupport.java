package dev.holdfast.cli;

import dev.holdfast.baseline.BasicCommitAttributor;
import dev.holdfast.baseline.BaselineWorkflow;
import dev.holdfast.baseline.BaselineStore;
import dev.holdfast.baseline.CommitAttributor;
import dev.holdfast.config.HoldfastConfig;
import dev.holdfast.scan.CompositeDetector;

import java.time.Clock;

/** Wires the baseline workflow from the configuration, the same way for `baseline`, `demo` and `scan`. */
final class BaselineSupport {
    private BaselineSupport() {
    }

    static BaselineWorkflow workflow(HoldfastConfig config, Clock clock, String displayPath) {
        CompositeDetector detector = Detectors.build(config, clock);
        return new BaselineWorkflow(detector, attributor(config),
                BaselineWorkflow.treeScan(config, detector, displayPath, null), new BaselineStore());
    }

    /** Who made a commit; the history work's identity classifier replaces the basic one when merged. */
    static CommitAttributor attributor(HoldfastConfig config) {
        return BasicCommitAttributor.defaults();
    }
}

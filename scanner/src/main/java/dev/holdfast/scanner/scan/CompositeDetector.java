package dev.holdfast.scanner.scan;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.LineReach;
import dev.holdfast.rules.model.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs several detectors on a document. One detector failing on a file does not hide what the others found: the
 * failure is re-thrown after all ran, carrying their detections.
 */
public final class CompositeDetector implements Detector {
    private final List<Detector> detectors;
    private final Set<String> disabled;

    public CompositeDetector(List<Detector> detectors, Set<String> disabledRules) {
        this.detectors = List.copyOf(detectors);
        this.disabled = Set.copyOf(disabledRules);
    }

    /** Only the detectors that own one of these rules: what is needed to find given findings again. */
    public CompositeDetector forRules(Set<String> ruleIds) {
        List<Detector> kept = new ArrayList<>();
        for (Detector d : detectors) {
            if (d.rules().stream().anyMatch(r -> ruleIds.contains(r.id()))) {
                kept.add(d);
            }
        }
        return new CompositeDetector(kept, disabled);
    }

    @Override
    public String name() {
        return "all";
    }

    @Override
    public List<RuleInfo> rules() {
        List<RuleInfo> out = new ArrayList<>();
        for (Detector d : detectors) {
            for (RuleInfo r : d.rules()) {
                if (!disabled.contains(r.id())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public List<RuleInfo> rulesInUse() {
        List<RuleInfo> out = new ArrayList<>();
        for (Detector d : detectors) {
            for (RuleInfo r : d.rulesInUse()) {
                if (!disabled.contains(r.id())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public boolean readsBinary(String path) {
        return detectors.stream().anyMatch(d -> d.readsBinary(path));
    }

    @Override
    public LineReach lineReach() {
        return detectors.stream().map(Detector::lineReach).reduce(LineReach.NONE, LineReach::with);
    }

    @Override
    public List<Detection> detect(Document document) {
        List<Detection> out = new ArrayList<>();
        DetectorException failure = null;
        for (Detector d : detectors) {
            try {
                for (Detection det : d.detect(document)) {
                    if (!disabled.contains(det.ruleId())) {
                        out.add(det);
                    }
                }
            } catch (DetectorException e) {
                failure = e;
            } catch (RuntimeException e) {
                // A detector bug on hostile input must not end the scan or say "clean" about this file.
                failure = new DetectorException(d.name() + " failed on this file (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        if (failure != null) {
            throw new DetectorException(failure.getMessage(), failure, out);
        }
        return out;
    }
}

package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.support.SelfTesting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Terraform, CloudFormation, ARM and Bicep behind one detector: they share rule ids, so the rule list appears once
 * in `holdfast rules` and SARIF. Each format picks its files by path/content; a failure in one does not hide what
 * the others found (it is re-thrown with their detections).
 */
public final class InfrastructureDetector implements Detector, SelfTesting {
    private final List<Detector> formats;

    public InfrastructureDetector(Clock clock, Map<String, String> thresholds) {
        this.formats = List.of(new TerraformDetector(clock, thresholds), new CloudFormationDetector(thresholds),
                new ArmTemplateDetector(clock, thresholds), new BicepDetector(clock, thresholds));
    }

    @Override
    public String name() {
        return "iac";
    }

    @Override
    public List<RuleInfo> rules() {
        return IacCatalogue.RULES.all();
    }

    @Override
    public List<Detection> detect(Document document) {
        List<Detection> out = new ArrayList<>();
        DetectorException failure = null;
        for (Detector f : formats) {
            try {
                out.addAll(f.detect(document));
            } catch (DetectorException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new DetectorException(failure.getMessage(), failure, out);
        }
        return out;
    }

    @Override
    public RuleTestReport testRules() {
        return IacCatalogue.RULES.test(this);
    }
}

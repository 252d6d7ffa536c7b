package dev.holdfast.rules;

import dev.holdfast.detect.Detector;
import dev.holdfast.rules.agent.AgentConfigDetector;
import dev.holdfast.rules.cert.CertificateDetector;
import dev.holdfast.rules.iac.InfrastructureDetector;
import dev.holdfast.rules.java.JavaCredentialDetector;
import dev.holdfast.rules.workflow.WorkflowDetector;

import dev.holdfast.model.RuleInfo;
import dev.holdfast.rules.catalog.RuleTestReport;
import dev.holdfast.rules.support.SelfTesting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java AST, GitHub Actions workflow, IaC, certificate and coding-agent configuration detectors, wired for the
 * scan loop in one call.
 *
 * <p>Threshold keys (all optional, whole numbers): {@code azurePasswordMaxDays} (180), {@code roleSessionMaxSeconds}
 * (3600), {@code certExpiringDays} (30), {@code certMaxValidityDays} (398).
 */
public final class IacDetectors {
    private IacDetectors() {
    }

    public static List<Detector> all(Clock clock, Map<String, String> thresholds) {
        Map<String, String> t = thresholds == null ? Map.of() : thresholds;
        return List.of(
                new JavaCredentialDetector(),
                new WorkflowDetector(),
                new InfrastructureDetector(clock, t),
                new CertificateDetector(clock, t),
                new AgentConfigDetector());
    }

    /** The rules of all these detectors (each id once). */
    public static List<RuleInfo> rules(Clock clock) {
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        all(clock, Map.of()).forEach(d -> d.rules().forEach(r -> byId.putIfAbsent(r.id(), r)));
        return List.copyOf(byId.values());
    }

    /**
     * Runs every rule's own match / no-match examples (kept in the rules.yml files) through its detector, for
     * `holdfast rules test`; certificate rules have none (their cases generate certificates in tests).
     */
    public static RuleTestReport test(Clock clock) {
        int rules = 0;
        int examples = 0;
        List<RuleTestReport.Failure> failures = new ArrayList<>();
        for (Detector d : all(clock, Map.of())) {
            if (d instanceof SelfTesting s) {
                RuleTestReport r = s.testRules();
                rules += r.rules();
                examples += r.examples();
                failures.addAll(r.failures());
            }
        }
        return new RuleTestReport(rules, examples, failures);
    }
}

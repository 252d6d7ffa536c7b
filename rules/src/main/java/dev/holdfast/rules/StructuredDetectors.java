package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.LazyDetector;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.agent.AgentConfigDetector;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.cert.CertificateDetector;
import dev.holdfast.rules.iac.InfrastructureDetector;
import dev.holdfast.rules.iam.IamPolicyDetector;
import dev.holdfast.rules.java.JavaCredentialDetector;
import dev.holdfast.rules.support.SelfTesting;
import dev.holdfast.rules.workflow.WorkflowDetector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of built-in structured detectors: those that read a file's structure (Java AST, GitHub Actions
 * workflows, infrastructure code, certificates and key stores, coding-agent configuration, IAM policies on their own
 * and embedded in infrastructure code) rather than its lines, which is the secret-rule catalogue's job. A new detector
 * of this kind is one class and one line in {@link #all}.
 *
 * <p>Threshold keys (all optional, whole numbers): {@code azurePasswordMaxDays} (180), {@code roleSessionMaxSeconds}
 * (3600), {@code certExpiringDays} (30), {@code certMaxValidityDays} (398).
 */
public final class StructuredDetectors {
    private StructuredDetectors() {
    }

    public static List<Detector> all(Clock clock, Map<String, String> thresholds) {
        Map<String, String> t = thresholds == null ? Map.of() : thresholds;
        IamPolicyDetector iam = new IamPolicyDetector();
        return List.of(
                new JavaCredentialDetector(),
                new WorkflowDetector(),
                new InfrastructureDetector(clock, t),
                new CertificateDetector(clock, t),
                new AgentConfigDetector(),
                iam,
                new EmbeddedPolicyDetector(iam));
    }

    /**
     * The same detectors for a scan: the Java, workflow and agent-configuration ones are built only when a file of
     * their kind comes by (a commit of a few files of other kinds never pays for their catalogues and parsers); the
     * others, whose thresholds must be checked whatever the files, or which are cheap, are built at once.
     */
    public static List<Detector> forScan(Clock clock, Map<String, String> thresholds) {
        Map<String, String> t = thresholds == null ? Map.of() : thresholds;
        IamPolicyDetector iam = new IamPolicyDetector();
        return List.of(
                new LazyDetector("java", JavaCredentialDetector::reads, JavaCredentialDetector::new),
                new LazyDetector("workflow", WorkflowDetector::applies, WorkflowDetector::new),
                new InfrastructureDetector(clock, t),
                new CertificateDetector(clock, t),
                new LazyDetector("agent-config", AgentConfigDetector::mayRead, AgentConfigDetector::new),
                iam,
                new EmbeddedPolicyDetector(iam));
    }

    /** The rules of all these detectors (each id once). */
    public static List<RuleInfo> rules(Clock clock) {
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        all(clock, Map.of()).forEach(d -> d.rules().forEach(r -> byId.putIfAbsent(r.id(), r)));
        return List.copyOf(byId.values());
    }

    /**
     * Runs every rule's own match / no-match examples (kept in the rules.yml files) through its detector, for
     * `holdfast rules test`; certificate rules have none (their cases generate certificates in tests), and the IAM
     * policy engine's cases are policy files of their own (rules/src/test/resources/.../iam/cases).
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

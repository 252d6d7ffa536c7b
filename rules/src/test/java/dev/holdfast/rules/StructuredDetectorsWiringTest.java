package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredDetectorsWiringTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void oneCallWiresEveryDetectorWithDistinctNamesAndKnownRules() {
        List<Detector> all = StructuredDetectors.all(CLOCK, Map.of());
        assertThat(all).extracting(Detector::name).doesNotHaveDuplicates()
                .containsExactly("java-ast", "workflow", "iac", "certificate", "agent-config", "iam-policy",
                        "embedded-iam-policy");
        assertThat(all.stream().flatMap(d -> d.rules().stream()).map(RuleInfo::id).toList()).doesNotHaveDuplicates();
        List<RuleInfo> rules = StructuredDetectors.rules(CLOCK);
        assertThat(rules).extracting(RuleInfo::id).doesNotHaveDuplicates()
                .contains("java-hardcoded-credential", "workflow-aws-static-keys", "iac-aws-access-key",
                        "iac-azure-privileged-role-assignment", "cert-validity-too-long", "agent-grant",
                        "agent-static-token", "iam-trust-any-principal");
        assertThat(rules).allSatisfy(r -> assertThat(r.remediation()).isNotBlank());
    }

    @Test
    void everyDetectorIgnoresFilesThatAreNotItsOwn() {
        Document readme = new Document("README.md", "# Project\nNothing to see.\n".getBytes(StandardCharsets.UTF_8));
        List<Detection> found = new ArrayList<>();
        StructuredDetectors.all(CLOCK, Map.of()).forEach(d -> found.addAll(d.detect(readme)));
        assertThat(found).isEmpty();
    }

    @Test
    void thresholdsReachTheDetectors() {
        String tf = "resource \"azuread_application_password\" \"p\" {\n  end_date_relative = \"2400h\"\n}\n";
        Document doc = new Document("main.tf", tf.getBytes(StandardCharsets.UTF_8));
        assertThat(detect(Map.of(), doc)).isEmpty(); // 100 days < 180
        assertThat(detect(Map.of("azurePasswordMaxDays", "90"), doc)).extracting(Detection::ruleId)
                .containsExactly("iac-azure-secret-long-lived");
        assertThatThrownBy(() -> StructuredDetectors.all(CLOCK, Map.of("azurePasswordMaxDays", "soon")))
                .hasMessageContaining("azurePasswordMaxDays");
    }

    private static List<Detection> detect(Map<String, String> thresholds, Document doc) {
        List<Detection> out = new ArrayList<>();
        StructuredDetectors.all(CLOCK, thresholds).forEach(d -> out.addAll(d.detect(doc)));
        return out;
    }

    @Test
    void everyRuleExceptCertificatesPassesItsOwnExamples() {
        dev.holdfast.rules.catalogue.RuleTestReport report = StructuredDetectors.test(Clock.systemUTC());
        assertThat(report.failures()).isEmpty();
        long selfTested = StructuredDetectors.all(CLOCK, Map.of()).stream()
                .filter(d -> d instanceof dev.holdfast.rules.support.SelfTesting)
                .mapToLong(d -> d.rules().size()).sum();
        assertThat(report.rules()).isEqualTo(selfTested);
        assertThat(report.examples()).isGreaterThanOrEqualTo(2 * (report.rules() - 3));
    }
}

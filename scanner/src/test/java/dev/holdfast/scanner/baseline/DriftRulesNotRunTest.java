package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole-history scan runs the secret rules only: the baseline's tracked grants (IAM, agents), which it never looked
 * for, are not "fixed" by it. A secret it looked for and did not find is.
 */
class DriftRulesNotRunTest {
    private static BaselineEntry open(String rule, String category) {
        return new BaselineEntry(rule, category, "high", EntryStatus.OPEN, "x",
                List.of(new StoredLocation("a", 1)), null, null, null);
    }

    @Test
    void onlyRulesTheScanRanCanHaveFixedFindings() {
        Baseline baseline = new Baseline(Baseline.newSalt(), Map.of(
                "agent-grant:1", open("agent-grant", "privilege"),
                "iam-grant:2", open("iam-grant", "privilege"),
                "aws-access-key:3", open("aws-access-key", "secret")), Map.of());
        RuleInfo secret = new RuleInfo("aws-access-key", "AWS key", "d", Category.SECRET, Severity.HIGH, "r", List.of());
        ScanResult history = new ScanResult(new ScanTarget(".", null, "history"), List.of(),
                Map.of("aws-access-key", secret), List.of(), false);

        List<Finding> out = new Drift(Clock.systemUTC()).apply(history, baseline).findings();
        assertThat(out).extracting(Finding::fingerprint).containsExactly("aws-access-key:3");
        assertThat(out.get(0).status()).isEqualTo(Status.FIXED);
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.FingerprintKeys;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three calls `holdfast scan` makes: resolve the baseline, fingerprint with its key, apply it. */
class ScanBaselineTest {
    @TempDir
    Path dir;

    private final ScenarioHarness h = new ScenarioHarness();

    @Test
    void withoutABaselineTheDefaultKeyIsUsedAndHistoryAloneFindsTheRegression() throws Exception {
        ScenarioRepository.Built built = ScenarioHarness.repository(ScenarioHarness.load("claude-code-trailer"))
                .build(dir, Map.of("baseline", (root, step) -> { }));
        ScanBaseline sb = ScanBaseline.resolve(dir, null);
        assertThat(sb.present()).isFalse();
        assertThat(sb.fingerprinter().fingerprint("r", "v", ""))
                .isEqualTo(new dev.holdfast.rules.detect.Fingerprinter(FingerprintKeys.defaultKey()).fingerprint("r", "v", ""));

        Timeline t = h.workflow.timeline(dir, sb.fingerprinter());
        ScanResult tree = BaselineWorkflow.treeScan(dev.holdfast.scanner.config.HoldfastConfig.defaults(), h.detector, null,
                null).scan(dir, sb.fingerprinter(), t);
        ScanResult r = sb.apply(tree, t, ScenarioHarness.CLOCK);
        var key = ScenarioHarness.findingsOf(r, dir, built.secrets().get("AWS_KEY_1")).get(0);
        assertThat(key.status()).isEqualTo(Status.REGRESSED);
        assertThat(key.fixedBy().commit()).isEqualTo(built.commit("erin-fixes"));
        assertThat(key.introducedBy().commit()).isEqualTo(built.commit("agent-restores-key"));
        assertThat(ScenarioHarness.findingsOf(r, dir, built.secrets().get("GITHUB_TOKEN_1")).get(0).status())
                .isEqualTo(Status.NEW);
    }

    @Test
    void theDefaultBaselineIsFoundAndItsSaltKeysTheScan() throws Exception {
        h.build(ScenarioHarness.load("demo"), dir);
        ScanBaseline sb = ScanBaseline.resolve(dir, null);
        assertThat(sb.present()).isTrue();
        assertThat(sb.file()).isEqualTo(dir.resolve(".holdfast/baseline.json"));
        assertThat(sb.fingerprinter().fingerprint("r", "v", ""))
                .isEqualTo(sb.baseline().fingerprinter().fingerprint("r", "v", ""))
                .isNotEqualTo(new dev.holdfast.rules.detect.Fingerprinter(FingerprintKeys.defaultKey())
                        .fingerprint("r", "v", ""));
    }

    @Test
    void anExplicitBaselineThatIsMissingOrCorruptIsOneLine() throws Exception {
        Path missing = dir.resolve("b.json");
        assertThatThrownBy(() -> ScanBaseline.resolve(dir, missing))
                .isInstanceOf(BaselineException.class).hasMessage("baseline " + missing + ": file not found");
        Files.writeString(missing, "not json");
        assertThatThrownBy(() -> ScanBaseline.resolve(dir, missing))
                .isInstanceOf(BaselineException.class).hasMessageStartingWith("baseline " + missing + ": not valid JSON");
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Must-show story end to end, for every scenario file: a key added by one person and removed by another, the
 * baseline committed, the key re-added by an AI agent acting for a person plus a new token in another file.
 */
class ScenarioEndToEndTest {
    @TempDir
    Path dir;

    private final ScenarioHarness h = new ScenarioHarness();

    @ParameterizedTest
    @ValueSource(strings = {"demo", "claude-code-trailer", "copilot-elsewhere", "fix-by-deleting"})
    void regressionIsAttributedToTheAgentAndPointsAtTheOriginalFix(String name) throws Exception {
        Scenario s = ScenarioHarness.load(name);
        ScenarioRepository repo = ScenarioHarness.repository(s);
        ScenarioRepository.Built built = repo.build(dir, h.actions());

        ScanResult result = h.scanWithBaseline(dir);

        assertThat(s.expect()).isNotEmpty();
        for (Scenario.Expectation e : s.expect()) {
            List<Finding> found = ScenarioHarness.findingsOf(result, dir, built.secrets().get(e.secret()));
            assertThat(found).as(e.secret()).hasSize(1);
            Finding f = found.get(0);
            assertThat(f.status().id()).as(e.secret() + " status").isEqualTo(e.status());
            if (e.introducedByStep() != null) {
                assertThat(f.introducedBy().commit()).as(e.secret() + " introducedBy")
                        .isEqualTo(built.commit(e.introducedByStep()));
            }
            if (e.introducedByKind() != null) {
                assertThat(f.introducedBy().kind().id()).isEqualTo(e.introducedByKind());
            }
            if (e.onBehalfOf() != null) {
                assertThat(f.introducedBy().onBehalfOf().email()).isEqualTo(e.onBehalfOf());
            }
            if (e.fixedByStep() != null) {
                assertThat(f.fixedBy().commit()).as(e.secret() + " fixedBy").isEqualTo(built.commit(e.fixedByStep()));
            } else {
                assertThat(f.fixedBy()).isNull();
            }
            assertThat(f.location().path()).isEqualTo(e.path());
            assertThat(f.location().line()).isEqualTo(e.line());
        }
        // The run fails (exit 1) under the default --fail-on new.
        assertThat(FailPolicy.fails(result, FailPolicy.DEFAULT)).isTrue();

        // No raw secret anywhere in the committed baseline.
        String baseline = Files.readString(BaselineStore.defaultPath(dir), StandardCharsets.UTF_8);
        built.secrets().values().forEach(v -> assertThat(baseline).doesNotContain(v));

        // Lines inserted above the key: the same fingerprint, the new line, still regressed.
        Scenario.Expectation key = s.expect().stream().filter(e -> e.status().equals("regressed")).findFirst()
                .orElseThrow();
        Finding before = ScenarioHarness.findingsOf(result, dir, built.secrets().get(key.secret())).get(0);
        repo.applyStep(dir, new Scenario.Step("lines-above", "Carol Diaz <carol@example.com>", null,
                "2026-04-20T09:00:00Z", "Add a header", null, Map.of(),
                Map.of(key.path(), "# managed by the platform team\n# do not edit by hand\n\n"), Map.of(), List.of(),
                List.of(), null), Map.of());
        ScanResult moved = h.scanWithBaseline(dir);
        Finding after = ScenarioHarness.findingsOf(moved, dir, built.secrets().get(key.secret())).get(0);
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(after.location().line()).isEqualTo(before.location().line() + 3);
        assertThat(after.status()).isEqualTo(Status.REGRESSED);
        assertThat(after.introducedBy().commit()).isEqualTo(built.commit(key.introducedByStep()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "claude-code-trailer", "copilot-elsewhere", "fix-by-deleting"})
    void refreshingAnUnchangedRepositoryWritesAByteIdenticalBaseline(String name) throws Exception {
        h.build(ScenarioHarness.load(name), dir);
        Path file = BaselineStore.defaultPath(dir);
        BaselineWorkflow.Refresh first = h.workflow.refresh(dir, file);
        byte[] bytes = Files.readAllBytes(file);
        BaselineWorkflow.Refresh second = h.workflow.refresh(dir, file);
        assertThat(second.written()).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(second.baseline()).isEqualTo(first.baseline());
    }
}

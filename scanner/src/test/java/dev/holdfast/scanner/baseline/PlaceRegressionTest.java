package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "The fix was undone", not only "the same value came back" (scenarios/place-regression.yaml): a different key pasted
 * where a ledger fix had put a reference — in the same file, renamed and edited since — is regressed and names the
 * fix; a key under another key, or in another file, is new. The baseline records the place and the reference,
 * never a value, and the same history gives the same bytes.
 */
class PlaceRegressionTest {
    @TempDir
    Path dir;

    private final ScenarioHarness h = new ScenarioHarness();

    @Test
    void aDifferentValueWhereTheFixPutItsReferenceIsRegressedAndNamesTheFix() throws Exception {
        Scenario s = ScenarioHarness.load("place-regression");
        ScenarioRepository.Built built = ScenarioHarness.repository(s).build(dir, h.actions());

        ScanResult result = h.scanWithBaseline(dir);

        for (Scenario.Expectation e : s.expect()) {
            List<Finding> found = ScenarioHarness.findingsOf(result, dir, built.secrets().get(e.secret()));
            assertThat(found).as(e.secret()).singleElement().satisfies(f -> {
                assertThat(f.status().id()).as(e.secret()).isEqualTo(e.status());
                assertThat(f.location().path()).isEqualTo(e.path());
                assertThat(f.location().line()).isEqualTo(e.line());
                assertThat(f.introducedBy().commit()).isEqualTo(built.commit(e.introducedByStep()));
                if (e.fixedByStep() != null) {
                    assertThat(f.fixedBy().commit()).isEqualTo(built.commit(e.fixedByStep()));
                    assertThat(f.properties()).containsEntry(FindingProperty.FIXED_PLACE.key(), "storage.accessKeyId")
                            .containsEntry(FindingProperty.FIXED_REFERENCE.key(), "${UPLOADER_ACCESS_KEY_ID}")
                            .containsKey(FindingProperty.FIXED_FINDING.key());
                } else {
                    assertThat(f.fixedBy()).isNull();
                    assertThat(f.properties()).doesNotContainKey(FindingProperty.FIXED_PLACE.key());
                }
            });
        }
        Finding regressed = ScenarioHarness.findingsOf(result, dir, built.secrets().get("AWS_KEY_2")).get(0);
        Baseline baseline = h.workflow.store().read(BaselineStore.defaultPath(dir));
        assertThat(baseline.ledger()).containsKey(regressed.properties().get(FindingProperty.FIXED_FINDING.key()));
    }

    @Test
    void theLedgerRecordsThePlaceAndTheReferenceDeterministicallyAndNoValue() throws Exception {
        Scenario s = ScenarioHarness.load("place-regression");
        ScenarioRepository.Built built = ScenarioHarness.repository(s).buildUntil(dir, h.actions(), "baseline");
        Path file = BaselineStore.defaultPath(dir);
        byte[] first = Files.readAllBytes(file);
        String json = new String(first, StandardCharsets.UTF_8);

        Baseline baseline = h.workflow.store().read(file);
        assertThat(baseline.ledger().values()).singleElement().satisfies(e -> assertThat(e.changes())
                .singleElement().satisfies(c -> assertThat(c.places())
                        .containsExactly(new FixedPlace("storage.accessKeyId", "${UPLOADER_ACCESS_KEY_ID}"))));
        built.secrets().values().forEach(v -> assertThat(json).doesNotContain(v));

        assertThat(h.workflow.refresh(dir, file).written()).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Test
    void withoutPlacesInTheLedgerADifferentValueStaysNew() throws Exception {
        Scenario s = ScenarioHarness.load("place-regression");
        ScenarioRepository.Built built = ScenarioHarness.repository(s).build(dir, h.actions());
        Path file = BaselineStore.defaultPath(dir);
        Baseline b = h.workflow.store().read(file);
        // A baseline written before places were recorded: the ledger entry has its patch only.
        java.util.TreeMap<String, LedgerEntry> ledger = new java.util.TreeMap<>();
        b.ledger().forEach((fp, e) -> ledger.put(fp, new LedgerEntry(e.ruleId(), e.category(), e.severity(),
                e.redacted(), e.introducedBy(), e.fix(), e.changes().stream()
                .map(c -> new LedgerChange(c.path(), c.patch())).toList())));
        Baseline old = new Baseline(b.schemaVersion(), b.salt(), b.findings(), ledger);

        ScanResult result = h.workflow.scan(dir, old, ScenarioHarness.CLOCK);

        assertThat(ScenarioHarness.findingsOf(result, dir, built.secrets().get("AWS_KEY_2")))
                .singleElement().extracting(Finding::status).isEqualTo(Status.NEW);
    }
}

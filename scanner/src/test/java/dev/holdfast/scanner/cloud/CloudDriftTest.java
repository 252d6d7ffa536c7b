package dev.holdfast.scanner.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Fingerprinter;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.cloud.CloudRules;
import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.rules.cloud.RemovedGrant;
import dev.holdfast.scanner.scan.FindingFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot against snapshot, as data: creep, widening (not a fix), removal (fixed, into history), regression. */
class CloudDriftTest {

    @Test
    @SuppressWarnings("unchecked")
    void widenedRemovedAndReturnedGrants() throws Exception {
        Path dir = Path.of(getClass().getResource("drift").toURI());
        CloudSnapshot before = SnapshotStore.read(dir.resolve("before.json"));
        CloudSnapshot after = SnapshotStore.read(dir.resolve("after.json"));
        FindingFactory factory = new FindingFactory(new Fingerprinter(new byte[32]));
        CloudRules none = s -> List.of();
        CloudDrift.Outcome out = new CloudDrift(none, factory).compare(after, List.of(), before, true);
        Map<String, Object> exp = new ObjectMapper(new YAMLFactory()).readValue(dir.resolve("expected.yml").toFile(),
                Map.class);
        for (Map<String, String> e : (List<Map<String, String>>) exp.get("findings")) {
            assertThat(out.findings()).as(e.toString()).anySatisfy(f -> {
                assertThat(f.ruleId()).isEqualTo(e.get("ruleId"));
                assertThat(f.properties().get("grant")).isEqualTo(e.get("grant"));
                assertThat(f.status().id()).isEqualTo(e.get("status"));
                if (e.containsKey("severity")) {
                    assertThat(f.severity().id()).isEqualTo(e.get("severity"));
                }
            });
        }
        assertThat(out.findings()).as(out.findings().stream().map(Finding::message).toList().toString())
                .hasSize((Integer) exp.get("count"));
        Finding regressed = out.findings().stream().filter(f -> f.status().id().equals("regressed")).findFirst()
                .orElseThrow();
        assertThat(regressed.fixedBy().date()).hasToString("2026-04-01T00:00:00Z");
        assertThat(out.snapshot().history()).extracting(RemovedGrant::grant)
                .containsExactlyElementsOf((List<String>) exp.get("history"));
        assertThat(out.snapshot().history()).allSatisfy(h -> assertThat(h.removedAt()).isEqualTo("2026-06-01T00:00:00Z"));
    }

    @Test
    void aPartialInventoryCallsNothingFixed() throws Exception {
        Path dir = Path.of(getClass().getResource("drift").toURI());
        CloudSnapshot before = SnapshotStore.read(dir.resolve("before.json"));
        CloudSnapshot after = SnapshotStore.read(dir.resolve("after.json"));
        CloudDrift drift = new CloudDrift(s -> List.of(), new FindingFactory(new Fingerprinter(new byte[32])));
        // The grant etl lost is fixed when the inventory is whole; a partial one may simply have missed it.
        assertThat(drift.compare(after, List.of(), before, true).findings())
                .anySatisfy(f -> assertThat(f.status().id()).isEqualTo("fixed"));
        assertThat(drift.compare(after, List.of(), before, false).findings())
                .extracting(f -> f.status().id()).isNotEmpty().doesNotContain("fixed");
    }

    @Test
    void snapshotsRoundTripByteForByte() throws Exception {
        Path dir = Path.of(getClass().getResource("drift").toURI());
        CloudSnapshot s = SnapshotStore.read(dir.resolve("before.json"));
        String once = SnapshotStore.toJson(s);
        Path tmp = java.nio.file.Files.createTempFile("snap", ".json");
        try {
            SnapshotStore.write(s, tmp);
            assertThat(SnapshotStore.toJson(SnapshotStore.read(tmp))).isEqualTo(once);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }
}

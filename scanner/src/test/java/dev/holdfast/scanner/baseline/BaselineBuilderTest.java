package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refreshing a baseline: what carries over from the previous one and what history decides. */
class BaselineBuilderTest {
    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0c2FsdHNhbHQ=";
    private static final Acceptance OK = new Acceptance("Risk Owner <owner@example.com>", "test fixture", "2026-12-31");

    @Test
    void refreshKeepsSaltAndAcceptancesAndRecordsGoneEntriesAsFixedWithTheirFix() {
        Baseline previous = new Baseline(SALT, Map.of(
                "r:accepted", entry(EntryStatus.ACCEPTED, OK),
                "r:gone", entry(EntryStatus.OPEN, null),
                "r:squashed", entry(EntryStatus.OPEN, null)),
                Map.of("r:old-fix", ledger("1111111111111111111111111111111111111111"),
                        "r:back", ledger("2222222222222222222222222222222222222222")));
        ScanResult now = scan("r:accepted", "r:back", "r:new");
        Map<String, LedgerEntry> mined = Map.of("r:gone", ledger("3333333333333333333333333333333333333333"),
                "r:back", ledger("2222222222222222222222222222222222222222"));

        Baseline next = BaselineBuilder.build(now, mined, previous, previous.salt());

        assertThat(next.salt()).isEqualTo(SALT);
        assertThat(next.findings().get("r:accepted").status()).isEqualTo(EntryStatus.ACCEPTED);
        assertThat(next.findings().get("r:accepted").acceptance()).isEqualTo(OK);
        assertThat(next.findings().get("r:new").status()).isEqualTo(EntryStatus.OPEN);
        // Re-baselining after a regression accepts the current state: the value is open again, out of the ledger.
        assertThat(next.findings().get("r:back").status()).isEqualTo(EntryStatus.OPEN);
        assertThat(next.ledger()).doesNotContainKey("r:back");
        // Gone since the last baseline: fixed, with the commit history names.
        assertThat(next.findings().get("r:gone").status()).isEqualTo(EntryStatus.FIXED);
        assertThat(next.findings().get("r:gone").fixedBy().commit()).isEqualTo("3".repeat(40));
        // Gone but history no longer shows it (squashed): fixed, without a commit; old ledger entries are kept.
        assertThat(next.findings().get("r:squashed").status()).isEqualTo(EntryStatus.FIXED);
        assertThat(next.findings().get("r:squashed").fixedBy()).isNull();
        assertThat(next.ledger()).containsKeys("r:old-fix", "r:gone");
    }

    @Test
    void oneValueInTwoFilesIsOneEntryWithBothLocations() {
        Finding a = finding("r:x", "b.yml", 7);
        Finding b = finding("r:x", "a.yml", 3);
        ScanResult now = new ScanResult(new ScanTarget(".", null, "tree"), List.of(a, b), Map.of(), List.of(), false);
        Baseline next = BaselineBuilder.build(now, Map.of(), null, SALT);
        assertThat(next.findings()).containsOnlyKeys("r:x");
        assertThat(next.findings().get("r:x").locations())
                .containsExactly(new StoredLocation("a.yml", 3), new StoredLocation("b.yml", 7));
    }

    @Test
    void onlyOpenOrAcceptedEntriesCanBeAccepted() {
        Baseline b = new Baseline(SALT, Map.of("r:open", entry(EntryStatus.OPEN, null),
                "r:fixed", entry(EntryStatus.FIXED, null)), Map.of());
        assertThat(BaselineBuilder.accept(b, "r:open", OK).findings().get("r:open").status())
                .isEqualTo(EntryStatus.ACCEPTED);
        assertThatThrownBy(() -> BaselineBuilder.accept(b, "r:fixed", OK))
                .hasMessage("fingerprint r:fixed is recorded as fixed; nothing to accept");
        assertThatThrownBy(() -> BaselineBuilder.accept(b, "r:unknown", OK))
                .isInstanceOf(BaselineException.class).hasMessageContaining("is not in the baseline");
    }

    private static ScanResult scan(String... fingerprints) {
        List<Finding> fs = java.util.Arrays.stream(fingerprints).map(fp -> finding(fp, "f.yml", 1)).toList();
        return new ScanResult(new ScanTarget(".", null, "tree"), fs, Map.of(), List.of(), false);
    }

    private static Finding finding(String fp, String path, int line) {
        return new Finding(fp, "r", Category.SECRET, Severity.HIGH, Status.NEW, "m", Location.file(path, line, 1),
                "re…ed", null, null, null, Map.of());
    }

    private static BaselineEntry entry(EntryStatus status, Acceptance a) {
        return new BaselineEntry("r", "secret", "high", status, "re…ed", List.of(new StoredLocation("f.yml", 1)),
                null, a, null);
    }

    private static LedgerEntry ledger(String commit) {
        return new LedgerEntry("r", "secret", "high", "re…ed", null,
                new FixRecord(commit, "0".repeat(40), "Bob", "bob@example.com", "human", "2026-01-01T00:00:00Z"),
                List.of(new LedgerChange("f.yml", "@@")));
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statuses the one drift engine gives, whatever the earlier state is (code's baseline, cloud's snapshot): what
 * the earlier state knows of a current finding, whether the run saw the finding at HEAD, and whether a finding it
 * holds open that the run no longer sees may be called fixed.
 */
class DriftEngineTest {
    private static final FixRef FIX = new FixRef("f1xf1xf1xf1xf1xf1xf1xf1xf1xf1xf1xf1xf1xf", "Bob", null,
            Instant.parse("2026-03-01T00:00:00Z"));

    @ParameterizedTest(name = "known {0}, at HEAD {1} -> {2}")
    @CsvSource({
            "none,   true,  new",
            "SEEN,   true,  new",
            "OPEN,   true,  existing",
            "FIXED,  true,  regressed",
            "OPEN,   false, fixed",
            "FIXED,  false, fixed",
            "none,   false, new"})
    void aCurrentFinding(String known, boolean atHead, String status) {
        DriftEngine.Known k = known.equals("none") ? null
                : new DriftEngine.Known(DriftEngine.Known.Kind.valueOf(known), FIX, Map.of("accepted", "true"));
        List<Finding> out = DriftEngine.compare(List.of(finding("r", "a")), prior(k, List.of()),
                new DriftEngine.Run(fp -> atHead, f -> f, true, r -> true));
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.status().id()).isEqualTo(status);
            assertThat(f.fixedBy()).isEqualTo(status.equals("regressed") || status.equals("fixed") ? FIX : null);
            assertThat(f.properties().containsKey("accepted")).isEqualTo(status.equals("existing"));
        });
    }

    @ParameterizedTest(name = "complete {0}, rule ran {1} -> {2} fixed")
    @CsvSource({"true, true, 1", "false, true, 0", "true, false, 0"})
    void anOpenFindingThatIsGone(boolean complete, boolean ruleRan, int fixed) {
        List<Finding> out = DriftEngine.compare(List.of(), prior(null, List.of(finding("r", "gone"))),
                new DriftEngine.Run(fp -> true, f -> f, complete, r -> ruleRan));
        assertThat(out).hasSize(fixed).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.FIXED));
    }

    @ParameterizedTest(name = "refined {0}")
    @CsvSource({"regressed", "new"})
    void aSecondLookOnlyAtNewFindings(String refined) {
        List<Finding> out = DriftEngine.compare(List.of(finding("r", "a")), prior(null, List.of()),
                new DriftEngine.Run(fp -> true, f -> f.withStatus(Status.fromId(refined)), true, r -> true));
        assertThat(out).singleElement().satisfies(f -> assertThat(f.status().id()).isEqualTo(refined));
        List<Finding> existing = DriftEngine.compare(List.of(finding("r", "a")), prior(DriftEngine.Known.open(),
                List.of()), new DriftEngine.Run(fp -> true, f -> f.withStatus(Status.REGRESSED), true, r -> true));
        assertThat(existing).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.EXISTING));
    }

    private static Finding finding(String rule, String fingerprint) {
        return new Finding(fingerprint, rule, Category.SECRET, Severity.HIGH, Status.NEW, "m",
                Location.file("a.txt", 1, 1), "x…y", null, null, null, Map.of());
    }

    private static DriftEngine.Prior prior(DriftEngine.Known known, List<Finding> open) {
        return new DriftEngine.Prior() {
            @Override
            public DriftEngine.Known known(String fingerprint) {
                return known;
            }

            @Override
            public Collection<String> open() {
                return open.stream().map(Finding::fingerprint).toList();
            }

            @Override
            public Finding asFixed(String fingerprint) {
                return open.stream().filter(f -> f.fingerprint().equals(fingerprint)).findFirst().orElseThrow();
            }
        };
    }
}

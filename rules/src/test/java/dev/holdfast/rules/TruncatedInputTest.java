package dev.holdfast.rules;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case input cut at many points (as an editor mid-save or a hostile file would present it): each detector
 * either answers or refuses with a DetectorException (a per-file warning); nothing else escapes.
 */
class TruncatedInputTest {
    private static final List<Detector> DETECTORS =
            StructuredDetectors.all(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC), Map.of());

    static Stream<Path> cases() {
        return Stream.of("java", "workflow", "iac", "iac-policies").flatMap(DetectorCases::cases)
                .filter(p -> !p.getFileName().toString().equals("tf-broken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void truncatedInputsOnlyEverFailAsDetectorExceptions(Path caseDir) {
        Document whole = DetectorCases.document(caseDir, new TestSecrets());
        String text = whole.text();
        for (int cut = 0; cut < text.length(); cut += Math.max(1, text.length() / 20)) {
            Document part = new Document(whole.path(), text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            for (Detector d : DETECTORS) {
                try {
                    assertThat(d.detect(part)).isNotNull();
                } catch (DetectorException expected) {
                    assertThat(expected.getMessage()).startsWith(whole.path());
                }
            }
            try {
                dev.holdfast.rules.iac.IacPolicies.extract(part);
            } catch (DetectorException expected) {
                assertThat(expected.getMessage()).startsWith(whole.path());
            }
        }
    }
}

package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs every IaC detector over each case; each detector picks its files by path, as in a real scan. */
class IacDetectorsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

    private final List<Detector> detectors = List.of(new InfrastructureDetector(CLOCK, Map.of()));

    static Stream<Path> cases() {
        return DetectorCases.cases("iac");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(Path caseDir) {
        DetectorCases.check(new Detector() {
            @Override
            public String name() {
                return "iac";
            }

            @Override
            public List<Detection> detect(Document document) {
                List<Detection> all = new ArrayList<>();
                detectors.forEach(d -> all.addAll(d.detect(document)));
                return all;
            }
        }, caseDir);
    }
}

package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Finding;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Builds scenario repositories with the test detector and runs the baseline workflow on them. */
final class ScenarioHarness {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    final TestDetector detector = new TestDetector();
    final BaselineWorkflow workflow = new BaselineWorkflow(detector, CommitAttributor.of(dev.holdfast.scanner.identity.CommitAuthorClassifier.builtin()));

    /** The step actions a scenario may name: {@code baseline} writes PATH/.holdfast/baseline.json. */
    Map<String, ScenarioRepository.Action> actions() {
        return Map.of("baseline", (dir, step) -> workflow.refresh(dir, BaselineStore.defaultPath(dir)));
    }

    static Scenario load(String name) {
        try {
            if (name.equals("demo")) {
                return Scenario.demo();
            }
            try (InputStream in = ScenarioHarness.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
                return Scenario.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScenarioRepository repository(Scenario s) {
        return new ScenarioRepository(s, new SecretGenerator(20261129L));
    }

    ScenarioRepository.Built build(Scenario s, Path dir) throws IOException {
        return repository(s).build(dir, actions());
    }

    ScanResult scanWithBaseline(Path dir) throws IOException {
        Baseline b = workflow.store().read(BaselineStore.defaultPath(dir));
        return workflow.scan(dir, b, CLOCK);
    }

    /** The findings whose reported line holds {@code value} in the working tree. */
    static List<Finding> findingsOf(ScanResult r, Path dir, String value) {
        return r.findings().stream().filter(f -> f.location().path() != null && f.location().line() > 0)
                .filter(f -> lineOf(dir, f.location().path(), f.location().line()).contains(value)).toList();
    }

    static String lineOf(Path dir, String path, int line) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(path), StandardCharsets.UTF_8);
            return line <= lines.size() ? lines.get(line - 1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

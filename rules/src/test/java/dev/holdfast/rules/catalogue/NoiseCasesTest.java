package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Noise-control cases as data: each noise/*.txt names the path it pretends to be ("# path:") and the line numbers
 * that must be flagged ("# flagged:"); every other line (placeholders, templates, lookups, docs, hashes, UUIDs,
 * low-entropy values, public keys, inline holdfast:allow) must stay quiet. Values are generator-expanded.
 */
class NoiseCasesTest {

    @TestFactory
    Stream<DynamicTest> noiseCases() throws IOException, URISyntaxException {
        Path dir = Path.of(NoiseCasesTest.class.getResource("noise").toURI());
        Detector detector = RuleCatalogue.builtin().detector(v -> false);
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                String raw = Files.readString(f);
                List<String> lines = raw.lines().toList();
                String path = lines.get(0).replaceFirst("^# path:\\s*", "").strip();
                Set<Integer> expected = Arrays.stream(lines.get(1).replaceFirst("^# flagged:\\s*", "").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt)
                        .collect(Collectors.toCollection(TreeSet::new));
                String text = ExampleExpander.seeded(f.getFileName().toString()).expand(raw);
                List<Detection> found = detector.detect(new Document(path, text.getBytes(StandardCharsets.UTF_8)));
                Set<Integer> flagged = found.stream().map(Detection::line)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(flagged).as(f.getFileName() + " flagged lines " + found).isEqualTo(expected);
            }));
        }
    }
}

package dev.holdfast.rules.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before/after rule cases kept as data: {@code <detector>/<case>/input.<ext>} and {@code expected.yml}, which is
 * either a list of {ruleId, line} or a map with an optional {@code path} (the document path the detector sees, e.g.
 * {@code .github/workflows/deploy.yml}) and {@code findings}. An empty list means the input must yield nothing;
 * {@code error: text} means the detector must refuse the document with a DetectorException containing the text.
 */
public final class DetectorCases {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DetectorCases() {
    }

    /** Every case folder under the detector's test resource folder, sorted by name. */
    public static Stream<Path> cases(String detectorDir) {
        try {
            Path root = Path.of(DetectorCases.class.getResource("/dev/holdfast/rules/" + detectorDir).toURI());
            try (Stream<Path> s = Files.list(root)) {
                List<Path> dirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
                assertThat(dirs).as("cases for " + detectorDir).isNotEmpty();
                return dirs.stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's document path: expected.yml's {@code path}, or the input file's name. */
    public static String documentPath(Path caseDir) {
        Object path = expectedRaw(caseDir) instanceof Map<?, ?> m ? m.get("path") : null;
        return path != null ? path.toString() : input(caseDir).getFileName().toString();
    }

    public static Path input(Path caseDir) {
        try (Stream<Path> s = Files.list(caseDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("input.")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no input.* in " + caseDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input with placeholders expanded, at its document path. */
    public static Document document(Path caseDir, TestSecrets secrets) {
        try {
            String text = Files.readString(input(caseDir), StandardCharsets.UTF_8);
            return new Document(documentPath(caseDir), secrets.expand(text).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the detector on the case's input and compares rule ids and lines with expected.yml. */
    public static List<Detection> check(Detector detector, Path caseDir) {
        TestSecrets secrets = new TestSecrets();
        return check(detector, caseDir, document(caseDir, secrets), secrets);
    }

    public static List<Detection> check(Detector detector, Path caseDir, Document doc, TestSecrets secrets) {
        Object error = expectedRaw(caseDir) instanceof Map<?, ?> m ? m.get("error") : null;
        if (error != null) {
            // A document the detector cannot read: one per-file warning naming the file and line, no findings.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.detect(doc))
                    .isInstanceOf(dev.holdfast.rules.detect.DetectorException.class)
                    .hasMessageStartingWith(doc.path()).hasMessageContaining(error.toString());
            return List.of();
        }
        List<Detection> found = detector.detect(doc);
        List<String> actual = found.stream().map(d -> d.ruleId() + "@" + d.line()).sorted().toList();
        assertThat(actual).as(caseDir.getFileName() + " findings (ruleId@line)").isEqualTo(expected(caseDir));
        for (Detection d : found) {
            assertThat(d.remediation()).as("remediation of " + d.ruleId()).isNotBlank();
            for (String secret : secrets.values().values()) {
                assertThat(d.message()).as("message must not leak a secret").doesNotContain(secret);
                assertThat(d.redacted()).as("redacted must not hold the secret").isNotEqualTo(secret);
                d.properties().values().forEach(v -> assertThat(v).doesNotContain(secret));
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    public static List<String> expected(Path caseDir) {
        Object raw = expectedRaw(caseDir);
        Object list = raw instanceof Map<?, ?> m ? m.get("findings") : raw;
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (Map<String, Object> f : (List<Map<String, Object>>) list) {
                out.add(f.get("ruleId") + "@" + f.get("line"));
            }
        }
        return out.stream().sorted().toList();
    }

    private static Object expectedRaw(Path caseDir) {
        try {
            return YAML.readValue(caseDir.resolve("expected.yml").toFile(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read expected.yml in " + caseDir, e);
        }
    }
}

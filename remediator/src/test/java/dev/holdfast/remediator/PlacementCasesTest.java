package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.remediator.place.FindingPlacer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reapplying a fix at the finding, as data: {@code placement/<case>/} holds the file before the fix ({@code base}),
 * as the fix left it ({@code fixed}), at HEAD ({@code head}) and the expected result ({@code expected}, compared byte
 * for byte) or {@code refused.txt} (a phrase the refusal must contain). Secrets are placeholders expanded at test
 * time; the findings are what the test rules see.
 */
class PlacementCasesTest {
    private final Verifier verifier = new PatternVerifier();

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        Path root = Path.of(PlacementCasesTest.class.getResource("/placement").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
    }

    private void run(Path dir) throws Exception {
        Secrets secrets = new Secrets();
        String ext;
        try (Stream<Path> files = Files.list(dir)) {
            String base = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("base."))
                    .findFirst().orElseThrow();
            ext = base.substring("base".length());
        }
        String path = "config/app" + ext;
        String base = secrets.expand(Files.readString(dir.resolve("base" + ext)));
        String fixed = secrets.expand(Files.readString(dir.resolve("fixed" + ext)));
        String head = secrets.expand(Files.readString(dir.resolve("head" + ext)));
        List<Detection> targets = verifier.scan(new Document(path, head.getBytes(StandardCharsets.UTF_8)));
        assertThat(targets).as("the fixture must hold a finding at HEAD").isNotEmpty();
        List<Detection> baseFound = verifier.scan(new Document(path, base.getBytes(StandardCharsets.UTF_8)));

        FindingPlacer.Placement p = new FindingPlacer().place(new FindingPlacer.Input(path, path, base, fixed, head,
                baseFound, targets));

        Path refused = dir.resolve("refused.txt");
        if (Files.exists(refused)) {
            assertThat(p.placed()).as("expected a refusal, got " + p).isFalse();
            assertThat(p.refusal()).contains(Files.readString(refused).strip());
            for (String s : secrets.all()) {
                assertThat(p.refusal()).doesNotContain(s);
            }
            return;
        }
        assertThat(p.refusal()).isNull();
        assertThat(p.content()).isEqualTo(secrets.expand(Files.readString(dir.resolve("expected" + ext))));
    }
}

package dev.holdfast.scanner.baseline.place;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Places as data: {@code places/<case>/file.<ext>} and {@code expected.txt}, one "line place" per line that has a
 * place (every other line must have none). The same file in CRLF must give the same places.
 */
class PlaceIndexCasesTest {

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        Path root = Path.of(PlaceIndexCasesTest.class.getResource("/places").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
    }

    private static void run(Path dir) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().startsWith("file.")).findFirst().orElseThrow();
        }
        String ext = file.getFileName().toString().substring("file".length());
        String path = ext.equals(".env") ? "deploy/.env" : "src/" + dir.getFileName() + ext;
        String text = Files.readString(file).replace("{{SECRET}}", "s3cr3t-" + "value-0123456789");
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
            if (!line.isBlank()) {
                int sp = line.indexOf(' ');
                expected.put(Integer.parseInt(line.substring(0, sp)), line.substring(sp + 1));
            }
        }
        assertThat(PlaceIndex.of(path, text).all()).isEqualTo(expected);
        assertThat(PlaceIndex.of(path, text.replace("\n", "\r\n")).all()).as("CRLF").isEqualTo(expected);
    }

    @Test
    void aPlaceFindsItsLinesAfterLinesMoveAroundIt() {
        String before = "a:\n  key: one\n  other: two\n";
        String after = "# added\na:\n  first: zero\n  other: two\n  key: one\n";
        String place = PlaceIndex.of("x.yml", before).at(2).orElseThrow();
        assertThat(PlaceIndex.of("x.yml", after).lines(place)).containsExactly(5);
    }

    @Test
    void unknownFormatsAndBrokenFilesHaveNoPlaces() {
        assertThat(PlaceIndex.of("notes.txt", "key=value\n").isEmpty()).isTrue();
        assertThat(PlaceIndex.of("A.java", "class {").isEmpty()).isTrue();
        assertThat(PlaceIndex.of("main.tf", "provider \"aws\" {").isEmpty()).isTrue();
    }
}

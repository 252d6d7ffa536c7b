package dev.holdfast.remediator.narrowing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each folder of {@code src/test/resources/narrowing} is a case: {@code before.tf}, {@code case.properties} (the
 * principal's type and name, the services it did not use, and {@code manual=} a phrase of the reason when a person has
 * to do it) and, when it narrows, the exact {@code after.tf}.
 */
class TerraformNarrowingCasesTest {
    static final Path CASES = Path.of("src/test/resources/narrowing");

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(CASES)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(4);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    private static void run(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
            p.load(r);
        }
        TerraformNarrowing.Result r = TerraformNarrowing.narrow(Files.readString(dir.resolve("before.tf")),
                p.getProperty("type"), p.getProperty("name"),
                new TreeSet<>(Arrays.asList(p.getProperty("unused").split(","))));
        if (p.getProperty("manual") != null) {
            assertThat(r.text()).isNull();
            assertThat(r.note()).contains(p.getProperty("manual"));
        } else {
            assertThat(r.text()).isEqualTo(Files.readString(dir.resolve("after.tf")));
        }
    }
}

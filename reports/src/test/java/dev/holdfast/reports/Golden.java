package dev.holdfast.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares output with a golden file under {@code src/test/resources/dev/holdfast/reports/golden/}. Run with
 * {@code -Dholdfast.golden.update=true} to rewrite the files after a deliberate change, then review the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("holdfast.golden.update")) {
            Path p = Path.of("src/test/resources/dev/holdfast/reports/golden", name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("golden file " + name + " (create it with -Dholdfast.golden.update=true)").isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).isEqualTo(expected);
        }
    }
}

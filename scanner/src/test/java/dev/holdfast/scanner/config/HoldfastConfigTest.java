package dev.holdfast.scanner.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldfastConfigTest {
    private static final Path DATA = Path.of("src/test/resources/dev/holdfast/scanner/config");

    /** Each bad config names, on its first line, a fragment the one-line error must contain. */
    @TestFactory
    Stream<DynamicTest> badConfigsFailWithOneLineNamingTheProblem() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DATA.resolve("bad"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = Files.readString(f);
            String expect = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
            Path root = DATA.toAbsolutePath();
            assertThatThrownBy(() -> HoldfastConfig.parse(text, f, root))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).contains(expect).doesNotContain("\n");
                        assertThat(e.getMessage()).startsWith(f.toString());
                    });
        }));
    }

    @Test
    void fullConfigIsRead() throws IOException {
        Path f = DATA.resolve("good/full.yml");
        HoldfastConfig c = HoldfastConfig.parse(Files.readString(f), f, DATA);
        assertThat(c.isIgnored("fixtures/leaky/a.txt")).isTrue();
        assertThat(c.isIgnored("web/app.min.js")).isTrue();
        assertThat(c.isIgnored("src/Main.java")).isFalse();
        assertThat(c.disabledRules()).containsExactly("generic-password");
        assertThat(c.isAllowedValue("allowed")).isTrue();
        assertThat(c.isAllowedValue("other")).isFalse();
        assertThat(c.maxFileSize()).isEqualTo(2L * 1024 * 1024);
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.identities().get("agents").get(0).get("name").asText()).isEqualTo("^build-agent$");
        assertThat(c.thresholds()).containsEntry("azurePasswordMaxDays", "90");
    }

    @Test
    void missingDefaultFileMeansDefaults(@TempDir Path dir) {
        HoldfastConfig c = HoldfastConfig.load(dir, null);
        assertThat(c.source()).isNull();
        assertThat(c.maxFileSize()).isEqualTo(HoldfastConfig.DEFAULT_MAX_FILE_SIZE);
    }

    @Test
    void missingExplicitFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> HoldfastConfig.load(dir, dir.resolve("nope.yml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not found");
    }

    @Test
    void ruleFileThroughALinkOutOfTheRepositoryIsRefused(@TempDir Path dir) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("rules.yml"), "rules: []\n");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("rules.yml"), outside.resolve("rules.yml"));
        assertThatThrownBy(() -> HoldfastConfig.parse("rules:\n  files: [rules.yml]\n", repo.resolve(".holdfast.yml"), repo))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outside the repository");
    }
}

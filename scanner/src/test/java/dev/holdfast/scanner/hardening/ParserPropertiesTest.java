package dev.holdfast.scanner.hardening;

import dev.holdfast.scanner.baseline.BaselineException;
import dev.holdfast.scanner.baseline.BaselineStore;
import dev.holdfast.scanner.cloud.CloudException;
import dev.holdfast.scanner.cloud.SnapshotStore;
import dev.holdfast.scanner.config.ConfigException;
import dev.holdfast.scanner.config.HoldfastConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code .holdfast.yml}, the baseline and cloud snapshots are files a hostile pull request can change. Whatever they
 * hold, reading them succeeds or throws the reader's own one-line exception ({@link ConfigException},
 * {@link BaselineException}, {@link CloudException}) — never another exception, never a hang. 200 tries each; a hang
 * would stop the build.
 */
class ParserPropertiesTest {
    private static Path dir;
    private static final List<String> YAML = List.of("version: 1\n", "version: 2\n", "paths:\n", "  ignore: ",
            "[\"**\"]", "[\"[\"]", "[\"{a,{b}\"]", "rules:\n", "  disable: [a]\n", "  files: ", "[../x.yml]",
            "[/etc/passwd]", "[\"a\\u0000b\"]", "[\"\\0\"]", "allow:\n", "  values: ", "[abc]", "scan:\n",
            "  maxFileSize: ", "10MB", "-1", "9999999999999999999GB", "1e400", "  threads: ", "0", "257", "2",
            "identities: ", "thresholds: ", "{a: [1]}", "cloud: ", "[]", "{}", "null", "~", "&a [*a]", "*a", "!!binary",
            "!!python/object:os.system", "!!java.io.File", "? ", ": ", "- ", "\n", "  ", "\t", "\"", "'", "#", "---\n",
            "%TAG ! x\n", "\u0000", "\ufeff", "\uD800", "{", "}", "[", "]", ",", "|\n", ">\n");
    private static final List<String> JSON = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\"schemaVersion\"",
            "1", "2", "0", "-1", "1e999", "null", "true", "\"salt\"", "\"entries\"", "\"fixes\"", "\"ledger\"",
            "\"fingerprint\"", "\"ruleId\"", "\"status\"", "\"accepted\"", "\"provider\"", "\"aws\"", "\"azure\"",
            "\"principals\"", "\"grants\"", "\"credentials\"", "\"createdAt\"", "\"2026-13-45\"", "\"abc\"",
            "\"0123456789abcdef0123456789abcdef\"", " ", "\n", "\u0000", "\"\uD800\"", "{\"a\":".repeat(3));

    @BeforeContainer
    static void tempDir() throws IOException {
        dir = Files.createTempDirectory("holdfast-props");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- .holdfast.yml

    static void parseConfig(String text) {
        try {
            HoldfastConfig.parse(text, Path.of("/repo/.holdfast.yml"), Path.of("/repo"));
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void configFromArbitraryTextThrowsOnlyConfigException(@ForAll String text) {
        parseConfig(text);
    }

    @Property(tries = 200)
    void configFromYamlShapedFragmentsThrowsOnlyConfigException(@ForAll("yaml") String text) {
        parseConfig(text);
    }

    @Property(tries = 100)
    void configFromArbitraryBytesThrowsOnlyConfigException(@ForAll byte[] bytes) {
        parseConfig(new String(bytes, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> yaml() {
        return Arbitraries.of(YAML).list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
    }

    @Example
    void configYamlBombAndDeepNestingFailFastWithConfigException() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9))
                    .append("*a").append(i - 1).append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parseConfig("identities:\n  " + bomb.toString()
                .replace("\n", "\n  ")));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parseConfig("cloud: " + "[".repeat(100_000)));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parseConfig("cloud:\n" + nestedMaps(5000)));
        assertThatThrownBy(() -> HoldfastConfig.parse("rules:\n  files: [\"a\\0b\"]\n",
                Path.of("/repo/.holdfast.yml"), Path.of("/repo"))).isInstanceOf(ConfigException.class);
    }

    private static String nestedMaps(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            b.append(" ".repeat(i + 1)).append("k:\n");
        }
        return b.toString();
    }

    // ---- baseline JSON

    static void readBaseline(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "baseline", ".json");
        Files.write(f, bytes);
        try {
            new BaselineStore().read(f);
        } catch (BaselineException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 200)
    void baselineFromArbitraryBytesThrowsOnlyBaselineException(@ForAll byte[] bytes) throws IOException {
        readBaseline(bytes);
    }

    @Property(tries = 200)
    void baselineFromJsonShapedFragmentsThrowsOnlyBaselineException(@ForAll("json") String text) throws IOException {
        readBaseline(("{\"schemaVersion\":1," + text).getBytes(StandardCharsets.UTF_8));
        readBaseline(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void mutatedValidBaselineThrowsOnlyBaselineException(@ForAll("mutations") long seed) throws IOException {
        readBaseline(mutate(validBaseline(), seed));
    }

    @Example
    void theValidSeedsOfTheMutationsReallyParse() throws IOException {
        Path b = Files.write(dir.resolve("b.json"), validBaseline());
        assertThat(new BaselineStore().read(b).findings()).hasSize(2);
        Path s = Files.write(dir.resolve("s.json"), validSnapshot());
        assertThat(SnapshotStore.read(s).principals()).hasSize(1);
    }

    // ---- cloud snapshots

    static void readSnapshot(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "snapshot", ".json");
        Files.write(f, bytes);
        try {
            SnapshotStore.read(f);
        } catch (CloudException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 200)
    void snapshotFromArbitraryBytesThrowsOnlyCloudException(@ForAll byte[] bytes) throws IOException {
        readSnapshot(bytes);
    }

    @Property(tries = 200)
    void snapshotFromJsonShapedFragmentsThrowsOnlyCloudException(@ForAll("json") String text) throws IOException {
        readSnapshot(("{\"schemaVersion\":1,\"provider\":\"aws\"," + text).getBytes(StandardCharsets.UTF_8));
        readSnapshot(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void mutatedValidSnapshotThrowsOnlyCloudException(@ForAll("mutations") long seed) throws IOException {
        readSnapshot(mutate(validSnapshot(), seed));
    }

    @Provide
    Arbitrary<String> json() {
        return Arbitraries.of(JSON).list().ofMinSize(1).ofMaxSize(50).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Long> mutations() {
        return Arbitraries.longs();
    }

    /** Flips, deletes, duplicates and truncates bytes of a valid file. */
    static byte[] mutate(byte[] valid, long seed) {
        Random r = new Random(seed);
        byte[] b = valid.clone();
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);                                     // truncated
                case 2 -> b[at] = (byte) "{}[]\",:0\\n".charAt(r.nextInt(10));
                default -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        return b;
    }

    static byte[] validBaseline() throws IOException {
        return resource("/hardening/baseline-valid.json");
    }

    static byte[] validSnapshot() throws IOException {
        return resource("/hardening/snapshot-valid.json");
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = ParserPropertiesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

package dev.holdfast.scanner.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineStoreTest {
    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0c2FsdHNhbHQ=";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/baseline/corrupt/cases.csv", numLinesToSkip = 1)
    void corruptOrUnknownBaselineIsOneLineNamingTheFile(String file, String expected) throws IOException {
        Path p = dir.resolve(file);
        try (InputStream in = getClass().getResourceAsStream("/baseline/corrupt/" + file)) {
            Files.copy(in, p);
        }
        assertThatThrownBy(() -> new BaselineStore().read(p))
                .isInstanceOf(BaselineException.class)
                .hasMessageStartingWith("baseline " + p + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingBaselineIsOneLine() {
        Path p = dir.resolve("nope.json");
        assertThatThrownBy(() -> new BaselineStore().read(p)).hasMessage("baseline " + p + ": file not found");
    }

    @Test
    void outputIsSortedPrettyLfWithTrailingNewlineAndRoundTrips() throws IOException {
        BaselineStore store = new BaselineStore();
        Baseline b = sample(List.of("zeta", "alpha", "mid"));
        byte[] bytes = store.serialize(b);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\r").startsWith("{\n  \"schemaVersion\": 1,\n  \"salt\": ");
        assertThat(text.indexOf("secret:alpha")).isLessThan(text.indexOf("secret:mid"));
        assertThat(text.indexOf("secret:mid")).isLessThan(text.indexOf("secret:zeta"));
        // Properties inside an entry are alphabetical, locations sorted by path then line.
        assertThat(text.indexOf("\"category\"")).isLessThan(text.indexOf("\"locations\""));
        assertThat(text.indexOf("a/first.yml")).isLessThan(text.indexOf("b/second.yml"));

        Path p = dir.resolve("baseline.json");
        Files.write(p, bytes);
        Baseline read = store.read(p);
        assertThat(read).isEqualTo(b);
        assertThat(store.serialize(read)).isEqualTo(bytes);
    }

    @Test
    void writingTheSameBaselineTwiceLeavesTheFileByteIdenticalAndUntouched() throws IOException {
        BaselineStore store = new BaselineStore();
        Path p = dir.resolve(".holdfast/baseline.json");
        assertThat(store.write(p, sample(List.of("a", "b")))).isTrue();
        byte[] first = Files.readAllBytes(p);
        assertThat(store.write(p, sample(List.of("b", "a")))).isFalse();
        assertThat(Files.readAllBytes(p)).isEqualTo(first);
        // Lock and temporary files stay out of commits.
        assertThat(dir.resolve(".holdfast/.gitignore")).hasContent("*.lock\n*.tmp");
    }

    @Test
    void aFailureInTheMiddleOfAWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("baseline.json");
        new BaselineStore().write(p, sample(List.of("old")));
        byte[] before = Files.readAllBytes(p);
        BaselineStore crashing = new BaselineStore((tmp, bytes) -> {
            Files.write(tmp, Arrays.copyOf(bytes, bytes.length / 2));
            throw new IOException("disk full");
        });
        assertThatThrownBy(() -> crashing.write(p, sample(List.of("new", "newer"))))
                .isInstanceOf(BaselineException.class)
                .hasMessage("baseline " + p + ": cannot write (disk full)");
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("baseline.json", "baseline.json.lock");
        }
    }

    @Test
    void concurrentWritersNeverLeaveATornFile() throws Exception {
        Path p = dir.resolve("baseline.json");
        List<byte[]> candidates = new ArrayList<>();
        List<Baseline> versions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j <= i * 10; j++) {
                names.add("w" + i + "n" + j);
            }
            versions.add(sample(names));
            candidates.add(new BaselineStore().serialize(versions.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Baseline v : versions) {
                done.add(pool.submit(() -> {
                    BaselineStore own = unsynced();
                    for (int k = 0; k < 8; k++) {
                        own.write(p, v);
                        own.read(p); // every intermediate state parses
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        byte[] last = Files.readAllBytes(p);
        assertThat(candidates).anySatisfy(c -> assertThat(c).isEqualTo(last));
    }

    @Test
    void concurrentUpdatesAreNotLost() throws Exception {
        Path p = dir.resolve("baseline.json");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            names.add("n" + i);
        }
        new BaselineStore().write(p, sample(names));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        BaselineStore shared = unsynced();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String n : names) {
                done.add(pool.submit(() -> shared.update(p, b -> BaselineBuilder.accept(b,
                        "secret:" + n, new Acceptance("Tester <t@example.com>", "test", null)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(new BaselineStore().read(p).findings().values())
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.ACCEPTED));
    }

    /** The real store without fsync: the locking is under test here, not the disk. */
    private static BaselineStore unsynced() {
        return new BaselineStore((tmp, bytes) -> Files.write(tmp, bytes));
    }

    /** A baseline with one entry per name, inserted in the given order. */
    static Baseline sample(List<String> names) {
        Map<String, BaselineEntry> entries = new LinkedHashMap<>();
        for (String n : names) {
            entries.put("secret:" + n, new BaselineEntry("generic-secret", "secret", "high", EntryStatus.OPEN,
                    "ab…yz", List.of(new StoredLocation("b/second.yml", 4), new StoredLocation("a/first.yml", 9)),
                    new PersonRecord("c".repeat(40), "Alice", "alice@example.com", "human", "2026-01-01T10:00:00Z",
                            null), null, null));
        }
        Map<String, LedgerEntry> ledger = new LinkedHashMap<>();
        ledger.put("secret:gone", new LedgerEntry("generic-secret", "secret", "high", "ab…yz", null,
                new FixRecord("f".repeat(40), "e".repeat(40), "Bob", "bob@example.com", "human",
                        "2026-01-02T10:00:00Z"),
                List.of(new LedgerChange("z.yml", "@@ -1 +1 @@\n-k: ab…yz\n+k: ${K}\n"))));
        return new Baseline(SALT, entries, ledger);
    }
}

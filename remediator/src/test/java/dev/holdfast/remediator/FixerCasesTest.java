package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.remediator.fixers.FixContext;
import dev.holdfast.remediator.fixers.FixerOutcome;
import dev.holdfast.remediator.fixers.NameEvidence;
import dev.holdfast.remediator.fixers.RuleFixer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule fixers as data: {@code fixers/<case>/before.<ext>} is HEAD, {@code after.<ext>} the expected result (or
 * {@code refused.txt} the expected refusal), {@code fixed-at.<ext>} the file as the ledger's fix left it, and
 * {@code case.properties} may set the repository path. {@code files/} holds other files of the repository (profiles,
 * {@code .env.example}) the fixer may take a reference name from, and {@code notes.txt} what the change must tell
 * the reviewer about the name, one expected note per line. Secrets are placeholders expanded at test time. Each case
 * is verified by re-scanning (finding gone, nothing new) and fixed a second time to show that fixing {@code after}
 * changes nothing.
 */
class FixerCasesTest {
    private final Verifier verifier = new PatternVerifier();

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        Path root = Path.of(FixerCasesTest.class.getResource("/fixers").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
    }

    private void run(Path dir) throws Exception {
        Secrets secrets = new Secrets();
        Path beforeFile = only(dir, "before.").orElseThrow();
        String ext = beforeFile.getFileName().toString().substring("before".length());
        String path = path(dir, ext);
        String before = secrets.expand(Files.readString(beforeFile));
        String fixedAt = only(dir, "fixed-at.").map(p -> read(p, secrets)).orElse(null);

        List<Detection> head = verifier.scan(new Document(path, bytes(before)));
        assertThat(head).as("the fixture must hold something to fix").isNotEmpty();
        FixContext context = new FixContext(path, bytes(before), fixedAt == null ? null : bytes(fixedAt), List.of(),
                head, evidence(dir, secrets));
        RuleFixer fixer = FixPlanner.defaultFixers().stream().filter(f -> f.handles(context)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixer handles " + path));
        FixerOutcome outcome = fixer.fix(context);

        Optional<Path> refused = only(dir, "refused.");
        if (refused.isPresent()) {
            assertThat(outcome.applied()).as("expected a refusal").isFalse();
            assertThat(outcome.refusal()).contains(Files.readString(refused.get()).strip());
            for (String s : secrets.all()) {
                assertThat(outcome.refusal()).doesNotContain(s);
            }
            return;
        }
        assertThat(outcome.refusal()).isNull();
        String after = read(only(dir, "after.").orElseThrow(), secrets);
        String actual = new String(outcome.content(), StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(after);
        assertThat(Verification.check(verifier, path, head, head, outcome.content())).isNull();
        Path notes = dir.resolve("notes.txt");
        if (Files.exists(notes)) {
            for (String note : Files.readAllLines(notes)) {
                assertThat(outcome.notes()).anyMatch(n -> n.startsWith(note));
            }
        }

        // Idempotence: nothing left to fix in `after`, and fixing it again does not change it.
        FixContext again = new FixContext(path, outcome.content(), context.fixVersion(), List.of(), head);
        FixerOutcome second = fixer.fix(again);
        if (second.applied()) {
            assertThat(new String(second.content(), StandardCharsets.UTF_8)).isEqualTo(after);
        }
        assertThat(verifier.scan(new Document(path, outcome.content())))
                .noneMatch(d -> head.stream().anyMatch(h -> h.ruleId().equals(d.ruleId())
                        && h.subject().equals(d.subject())));
    }

    private static String path(Path dir, String ext) throws IOException {
        Path props = dir.resolve("case.properties");
        if (Files.exists(props)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
            return p.getProperty("path");
        }
        return ext.equals(".env") ? "config/.env" : "src/" + dir.getFileName() + "/App" + ext;
    }

    /** The repository's other files, from {@code files/}, for the fixers' choice of names. */
    private static NameEvidence evidence(Path dir, Secrets secrets) throws IOException {
        Path files = dir.resolve("files");
        if (!Files.isDirectory(files)) {
            return NameEvidence.none();
        }
        List<NameEvidence.Source> out = new java.util.ArrayList<>();
        try (Stream<Path> all = Files.walk(files)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                String rel = files.relativize(f).toString().replace('\\', '/');
                out.add(new NameEvidence.Source(rel, read(f, secrets), rel));
            }
        }
        return new NameEvidence(List.of(), out);
    }

    private static Optional<Path> only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        }
    }

    private static String read(Path p, Secrets secrets) {
        try {
            return secrets.expand(Files.readString(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

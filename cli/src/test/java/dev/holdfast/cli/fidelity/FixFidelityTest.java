package dev.holdfast.cli.fidelity;

import dev.holdfast.cli.CliRunner;
import dev.holdfast.cli.SharedDetectorCli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fix-fidelity cases kept as data ({@code fidelity/cases/*}: the file's versions and the expected result, see
 * {@link FidelityCase}), each run through the real {@code holdfast baseline} and {@code holdfast fix} with the real
 * detectors: the branch must hold the expected bytes. {@code bench/fix-fidelity.sh} runs the same cases, and more
 * generated ones, through the CLI jar.
 */
class FixFidelityTest {
    @TempDir
    Path tmp;

    private static Path casesDir() throws Exception {
        return Path.of(FixFidelityTest.class.getResource("/fidelity/cases").toURI());
    }

    private static List<FidelityCase> kept() throws Exception {
        List<FidelityCase> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(casesDir())) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(FidelityCase.read(d));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyKeptCaseGetsTheReviewedFixBackExactly() throws Exception {
        return kept().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.description(), () -> {
            CaseRunner.Outcome o = CaseRunner.run(c, tmp.resolve(c.name()), (repo, command) -> {
                CliRunner.Run r = SharedDetectorCli.run(command, repo);
                return new CaseRunner.Result(r.exit(), r.out(), r.err());
            }, CaseGenerator.DEFAULT_SEED);
            assertThat(o.verdict()).as(o.detail()).isEqualTo(CaseRunner.Verdict.EXACT);
        }));
    }

    @Test
    void theKeptCasesAreTheGeneratorsAndCoverEveryKindAndFormat() throws Exception {
        List<FidelityCase> kept = kept();
        List<FidelityCase> generated = CaseGenerator.generate(CaseGenerator.DEFAULT_SEED, 1);
        assertThat(kept).hasSameSizeAs(generated);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i).sameAs(generated.get(i))).as(kept.get(i).name()).isTrue();
        }
        assertThat(kept.stream().map(FidelityCase::kind).distinct()).hasSize(Kind.values().length);
        assertThat(kept.stream().map(FidelityCase::format).distinct()).hasSize(Formats.all().size());
    }
}

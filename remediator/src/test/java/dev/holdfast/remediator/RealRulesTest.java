package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift scenario verified by the real secret rule catalogue instead of the test patterns. */
class RealRulesTest {
    @TempDir
    Path tmp;

    @Test
    void theBuiltInRulesConfirmTheReappliedFix() throws Exception {
        DriftScenario s = new DriftScenario(tmp.resolve("repo"), new Secrets());
        Detector detector = RuleCatalogue.builtin().detector(value -> false);

        FixPlan plan = FixPlanner.withDefaultFixers(detector::detect)
                .plan(s.repo.git.getRepository(), List.of(s.finding()));

        assertThat(plan.manual()).isEmpty();
        assertThat(plan.fixes()).singleElement().satisfies(f -> {
            assertThat(f.strategy()).isEqualTo(Strategy.REAPPLY);
            assertThat(f.edits().get(0).afterText()).contains("System.getenv(\"AWS_ACCESS_KEY_ID\")")
                    .doesNotContain(s.secrets.get("AWS_KEY_1"));
        });
    }
}

package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example of every built-in rule, run through the detector path as one dynamic test each. */
class RuleExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleExample() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SecretRule rule : RuleCatalogue.builtin().rules()) {
            Detector single = RuleCatalogue.builtin().without(otherIds(rule)).detector(v -> false);
            for (int i = 0; i < rule.matchExamples().size(); i++) {
                int idx = i;
                tests.add(DynamicTest.dynamicTest(rule.id() + " matches #" + (i + 1), () -> {
                    List<Detection> found = single.detect(
                            RuleCatalogue.exampleDocument(rule, rule.matchExamples().get(idx), idx, "match"));
                    assertThat(found).as(rule.matchExamples().get(idx).text())
                            .anyMatch(d -> d.ruleId().equals(rule.id()));
                    Detection d = found.stream().filter(x -> x.ruleId().equals(rule.id())).findFirst().orElseThrow();
                    if (rule.matchExamples().get(idx).severity() != null) {
                        assertThat(d.severity()).as("severity of " + rule.matchExamples().get(idx).text())
                                .isEqualTo(rule.matchExamples().get(idx).severity());
                    }
                    assertThat(d.line()).isPositive();
                    assertThat(d.column()).isPositive();
                    assertThat(d.redacted()).doesNotContain(d.subject());
                }));
            }
            for (int i = 0; i < rule.noMatchExamples().size(); i++) {
                int idx = i;
                tests.add(DynamicTest.dynamicTest(rule.id() + " does not match #" + (i + 1), () ->
                        assertThat(single.detect(RuleCatalogue.exampleDocument(rule, rule.noMatchExamples().get(idx),
                                idx, "noMatch")))
                                .as(rule.noMatchExamples().get(idx).text())
                                .noneMatch(d -> d.ruleId().equals(rule.id()))));
            }
        }
        return tests.stream();
    }

    /**
     * The noise shapes of real code (the no-match examples of the keyword and URL rules: identifiers, calls,
     * f-strings, types, enum constants, pairs of names, labels, placeholders, default credentials) are quiet under the
     * whole catalogue, not only under the rule that lists them: no other rule may pick them up instead.
     */
    @TestFactory
    Stream<DynamicTest> keywordAndUrlNoiseShapesAreQuietUnderEveryRule() {
        Detector all = RuleCatalogue.builtin().detector(v -> false);
        List<DynamicTest> tests = new ArrayList<>();
        for (SecretRule rule : RuleCatalogue.builtin().rules()) {
            if (!rule.source().endsWith("generic.yml") && !rule.source().endsWith("urls.yml")) {
                continue;
            }
            for (int i = 0; i < rule.noMatchExamples().size(); i++) {
                int idx = i;
                tests.add(DynamicTest.dynamicTest(rule.id() + " noise #" + (i + 1), () ->
                        assertThat(all.detect(RuleCatalogue.exampleDocument(rule, rule.noMatchExamples().get(idx),
                                idx, "noMatch")))
                                .as(rule.noMatchExamples().get(idx).text()).isEmpty()));
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    @Test
    void theCatalogueSelfTestPasses() {
        RuleTestReport report = RuleCatalogue.builtin().test();
        assertThat(report.failures()).isEmpty();
        assertThat(report.examples()).isGreaterThanOrEqualTo(2 * report.rules());
    }

    private static List<String> otherIds(SecretRule rule) {
        return RuleCatalogue.builtin().rules().stream().map(SecretRule::id).filter(id -> !id.equals(rule.id()))
                .toList();
    }
}

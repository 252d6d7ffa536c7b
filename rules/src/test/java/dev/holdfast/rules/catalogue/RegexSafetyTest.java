package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Feeds every rule long adversarial lines (100k characters of keyword-ish text, unterminated quotes, endless
 * base64, URL and hash fragments) and requires each to finish: a bound against catastrophic backtracking, not a
 * benchmark. Rules that share a generated structure are represented by one of them ({@link RegexShapes}).
 */
class RegexSafetyTest {
    private static final int LENGTH = 100_000;
    /**
     * Generous for linear work on four 100k-character lines on a loaded 2-core machine; catastrophic backtracking
     * on such lines takes minutes.
     */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicTest> everyRuleSurvivesAdversarialLines() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SecretRule rule : RegexShapes.distinct(RuleCatalogue.builtin().rules())) {
            String path = rule.matchExamples().isEmpty() ? "x.txt" : rule.matchExamples().get(0).path();
            Detector d = RuleCatalogue.builtin().without(RuleCatalogue.builtin().rules().stream().map(SecretRule::id)
                    .filter(id -> !id.equals(rule.id())).toList()).detector(v -> false);
            tests.add(DynamicTest.dynamicTest(rule.id(), () -> assertTimeoutPreemptively(BOUND, () -> {
                for (String line : adversarial(rule)) {
                    d.detect(new Document(path, line.getBytes(StandardCharsets.UTF_8)));
                }
            })));
        }
        return tests.stream();
    }

    static List<String> adversarial(SecretRule rule) {
        String kw = rule.keywords().isEmpty() ? "password" : rule.keywords().get(0);
        List<String> lines = new ArrayList<>();
        lines.add(repeat(kw + " ", LENGTH));
        lines.add(kw + ": '" + repeat("Ab1+/", LENGTH));
        lines.add(repeat(kw + "_password_secret_token-key.", LENGTH));
        lines.add("https://" + repeat("u:" + kw + "@", LENGTH));
        return lines;
    }

    private static String repeat(String unit, int length) {
        StringBuilder s = new StringBuilder(length + unit.length());
        while (s.length() < length) {
            s.append(unit);
        }
        return s.toString();
    }
}

package dev.holdfast.rules.hardening;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.catalogue.RegexShapes;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.SecretRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every secret rule's pattern (java.util.regex, a backtracking engine) is fed long adversarial lines built from its
 * own match examples: the example's prefix, keyword and secret alphabet repeated to 30k characters, with and
 * without a closing quote, plus generic worst cases (long runs of one character, of separators, of base64). The
 * bound is a hang guard for catastrophic backtracking, not a benchmark. (At 30k characters a quadratic search
 * already takes minutes: before SecretDetector capped the matches per line, retrying a rejected match one character
 * later on such lines did not finish.) Rules that share a generated structure are represented by one of them
 * ({@link RegexShapes}).
 */
class RegexSafetyTest {
    private static final int LENGTH = 30_000;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final RuleCatalogue CATALOG = RuleCatalogue.builtin();

    @TestFactory
    Stream<DynamicTest> everyRuleSurvivesLongAdversarialLines() {
        return RegexShapes.distinct(CATALOG.rules()).stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Detector single = CATALOG.without(otherIds(rule)).detector(v -> false);
            List<String> lines = adversarial(rule);
            assertTimeoutPreemptively(BOUND, () -> {
                for (String line : lines) {
                    String path = rule.matchExamples().isEmpty() ? "a.txt" : rule.matchExamples().get(0).path();
                    single.detect(new Document(path, line.getBytes(StandardCharsets.UTF_8)));
                }
            }, () -> rule.id() + " took over " + BOUND + " on " + lines.size() + " adversarial lines");
        }));
    }

    private static List<String> otherIds(SecretRule keep) {
        return CATALOG.rules().stream().map(SecretRule::id).filter(id -> !id.equals(keep.id())).toList();
    }

    static List<String> adversarial(SecretRule rule) {
        List<String> out = new ArrayList<>();
        for (String kw : rule.keywords()) {
            out.add(fill(kw + "=\"", LENGTH));
            out.add(fill(kw + " ", LENGTH));
            out.add(fill(kw + "a", LENGTH));
        }
        for (int i = 0; i < rule.matchExamples().size(); i++) {
            String text = new String(RuleCatalogue.exampleDocument(rule, rule.matchExamples().get(i), i, "match")
                    .content(), StandardCharsets.UTF_8).replace("\n", " ");
            if (text.isEmpty()) {
                continue;
            }
            out.add(fill(text, LENGTH));                                        // the whole example, over and over
            int cut = Math.max(1, text.length() / 2);
            out.add(text.substring(0, cut) + fill(text.substring(cut), LENGTH)); // a prefix, then its tail forever
            out.add(text.substring(0, cut) + fill(text.substring(cut, cut + 1), LENGTH) + "\u0000");
            out.add(text.substring(0, Math.min(text.length(), 12)) + "a".repeat(LENGTH));
        }
        out.add("a".repeat(LENGTH));
        out.add("=".repeat(LENGTH));
        out.add(" ".repeat(LENGTH) + "x");
        out.add(fill("Aa0+/", LENGTH));
        out.add(fill("-_.", LENGTH));
        out.add(fill("\"'", LENGTH));
        out.add(fill("key=", LENGTH));
        return out;
    }

    static String fill(String unit, int length) {
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit);
        }
        return b.toString();
    }
}

package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tuning aid: prints the slowest rule/adversarial-line pairs of RegexSafetyTest. */
final class SafetyTiming {
    public static void main(String[] args) {
        for (SecretRule rule : RuleCatalogue.builtin().rules()) {
            String path = rule.matchExamples().get(0).path();
            Detector d = RuleCatalogue.builtin().without(RuleCatalogue.builtin().rules().stream().map(SecretRule::id)
                    .filter(id -> !id.equals(rule.id())).toList()).detector(v -> false);
            List<String> lines = RegexSafetyTest.adversarial(rule);
            for (int i = 0; i < lines.size(); i++) {
                long t = System.nanoTime();
                d.detect(new Document(path, lines.get(i).getBytes(StandardCharsets.UTF_8)));
                long ms = (System.nanoTime() - t) / 1_000_000;
                if (ms > 50) {
                    System.out.println(rule.id() + " line#" + i + " " + ms + " ms");
                }
            }
        }
    }
}

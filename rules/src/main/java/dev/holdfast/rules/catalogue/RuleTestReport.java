package dev.holdfast.rules.catalogue;

import java.util.List;

/**
 * The outcome of running rules' own examples.
 *
 * @param rules    how many rules were tested
 * @param examples how many examples ran
 */
public record RuleTestReport(int rules, int examples, List<Failure> failures) {

    public RuleTestReport {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /**
     * @param kind   "match" (the rule should have fired) or "noMatch" (it should not have)
     * @param index  1-based position of the example in its list
     * @param detail what happened, showing the example as written (generator syntax, never an expanded secret)
     */
    public record Failure(String ruleId, String kind, int index, String detail) {
        @Override
        public String toString() {
            return ruleId + " " + kind + " #" + index + ": " + detail;
        }
    }
}

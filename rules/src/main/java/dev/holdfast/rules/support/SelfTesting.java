package dev.holdfast.rules.support;

import dev.holdfast.rules.catalogue.RuleTestReport;

/** A detector whose rules carry their own match / no-match examples (for `holdfast rules test`). */
public interface SelfTesting {
    RuleTestReport testRules();
}

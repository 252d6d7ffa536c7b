package dev.holdfast.rules.catalogue;

import java.util.List;

/**
 * How many of the rules' own match examples the whole catalogue finds, per family of rules.
 *
 * @param providers distinct providers over all families
 */
public record RecallReport(List<Row> rows, int providers) {

    public RecallReport {
        rows = List.copyOf(rows);
    }

    /**
     * @param family    the rule file's family
     * @param providers distinct providers in the family
     * @param found     examples on which the catalogue reports anything
     * @param ownRule   examples on which the example's own rule is among the findings
     */
    public record Row(String family, int providers, int rules, int examples, int found, int ownRule) {
    }

    public Row total() {
        return new Row("all", providers, rows.stream().mapToInt(Row::rules).sum(),
                rows.stream().mapToInt(Row::examples).sum(), rows.stream().mapToInt(Row::found).sum(),
                rows.stream().mapToInt(Row::ownRule).sum());
    }
}

package dev.holdfast.remediator;

import java.util.List;

/** What `holdfast fix` will do: the verified changes and the regressions left to a person. */
public record FixPlan(String headCommit, List<Fix> fixes, List<ManualRemediation> manual) {

    public FixPlan {
        fixes = List.copyOf(fixes);
        manual = List.copyOf(manual);
    }
}

package dev.holdfast.rules.cloud;

import java.util.Comparator;

/** A grant an earlier snapshot had and a later one lost: kept so that its return is told as a regression. */
public record RemovedGrant(String principal, String grant, String removedAt) {
    public static final Comparator<RemovedGrant> ORDER = Comparator.comparing(RemovedGrant::principal)
            .thenComparing(RemovedGrant::grant).thenComparing(RemovedGrant::removedAt);
}

package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;
import java.util.List;

/**
 * A normalised, deterministic picture of one cloud account or tenant: who exists, which credentials they hold (dates
 * only, never a secret), what they may do, who may become them. Sorted so that two snapshots of the same state are
 * byte-identical.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param provider      aws | azure
 * @param account       the AWS account id or the Azure tenant id
 * @param subscription  the Azure subscription scanned, else null
 * @param takenAt       ISO-8601 instant from the injected clock
 * @param history       grants that an earlier snapshot had and a later one lost (for telling regressions)
 * @param leaks         fingerprints of findings made outside the rules (keys of this account leaked in a
 *                      repository), so that a later comparison tells them existing rather than new
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudSnapshot(int schemaVersion, String provider, String account, String subscription, String takenAt,
                            List<CloudPrincipal> principals, List<RemovedGrant> history, List<String> leaks) {
    public static final int SCHEMA_VERSION = 1;

    public CloudSnapshot {
        principals = principals == null ? List.of()
                : principals.stream().sorted(Comparator.comparing(CloudPrincipal::id)).toList();
        history = history == null ? List.of() : history.stream().sorted(RemovedGrant.ORDER).toList();
        leaks = leaks == null ? List.of() : leaks.stream().sorted().distinct().toList();
    }

    public CloudSnapshot(int schemaVersion, String provider, String account, String subscription, String takenAt,
                         List<CloudPrincipal> principals, List<RemovedGrant> history) {
        this(schemaVersion, provider, account, subscription, takenAt, principals, history, List.of());
    }

    public CloudSnapshot withLeaks(List<String> l) {
        return new CloudSnapshot(schemaVersion, provider, account, subscription, takenAt, principals, history, l);
    }

    public CloudSnapshot withHistory(List<RemovedGrant> h) {
        return new CloudSnapshot(schemaVersion, provider, account, subscription, takenAt, principals, h, leaks);
    }

    public CloudPrincipal principal(String id) {
        return principals.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}

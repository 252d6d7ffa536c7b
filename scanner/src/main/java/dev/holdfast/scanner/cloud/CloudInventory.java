package dev.holdfast.scanner.cloud;

import dev.holdfast.rules.cloud.CloudSnapshot;
import dev.holdfast.scanner.scan.ScanWarning;

import java.util.List;
import java.util.Map;

/**
 * What one provider's inventory produced.
 *
 * @param warnings calls that failed or were skipped; each names the call and the resource
 * @param partial  true when a call that feeds the findings failed (access denied, exhausted retries): never "clean"
 * @param keys     in memory only: full AWS access key id to its owner, for matching keys leaked in a repository
 */
public record CloudInventory(CloudSnapshot snapshot, List<ScanWarning> warnings, boolean partial,
                             Map<String, KeyOwner> keys) {

    public CloudInventory {
        warnings = List.copyOf(warnings);
        keys = Map.copyOf(keys);
    }

    /** The principal that holds an access key, its status and last use, for a leaked-key finding. */
    public record KeyOwner(String principal, String status, String created, String lastUsed) {
    }
}

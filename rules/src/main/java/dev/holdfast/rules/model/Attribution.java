package dev.holdfast.rules.model;

import java.time.Instant;

/**
 * Who introduced a finding: the commit, its author, and what kind of identity the author is.
 *
 * @param onBehalfOf the person an agent acted for (delegated access), or null
 */
public record Attribution(String commit, String name, String email, IdentityKind kind, Instant date,
                          Person onBehalfOf) {
}

package dev.holdfast.rules.model;

import java.time.Instant;

/** The commit that once removed a finding, as recorded in the fix ledger. */
public record FixRef(String commit, String name, String email, Instant date) {
}

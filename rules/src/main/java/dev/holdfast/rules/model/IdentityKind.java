package dev.holdfast.rules.model;

import java.util.Locale;

/** Who is behind a change or a cloud principal. {@code WORKLOAD} is used for cloud principals only. */
public enum IdentityKind {
    HUMAN, AGENT, BOT, WORKLOAD, UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IdentityKind fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}

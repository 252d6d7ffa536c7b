package dev.holdfast.rules.iam;

import dev.holdfast.rules.model.Severity;

/** The access levels of the AWS service authorization reference, ordered from least to most powerful. */
public enum AccessLevel {
    LIST("List"), READ("Read"), TAGGING("Tagging"), WRITE("Write"), PERMISSIONS_MANAGEMENT("Permissions management");

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    /** The label as AWS writes it ("Permissions management"). */
    public String label() {
        return label;
    }

    /** The severity of a grant at this level: what it would cost if the grant were abused. */
    public Severity grantSeverity() {
        return switch (this) {
            case LIST, READ -> Severity.INFO;
            case TAGGING, WRITE -> Severity.LOW;
            case PERMISSIONS_MANAGEMENT -> Severity.MEDIUM;
        };
    }

    public boolean writesOrManages() {
        return this == WRITE || this == PERMISSIONS_MANAGEMENT;
    }

    public static AccessLevel fromLabel(String label) {
        String l = label.strip();
        for (AccessLevel a : values()) {
            if (a.label.equalsIgnoreCase(l)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown access level '" + label + "'");
    }

    public static AccessLevel max(AccessLevel a, AccessLevel b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}

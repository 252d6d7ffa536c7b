package dev.holdfast.rules.model;

/** The kind of risk a finding is about; the ids are part of the JSON contract. */
public enum Category {
    SECRET("secret"),
    LONG_LIVED_CREDENTIAL("long-lived-credential"),
    PRIVILEGE("privilege"),
    CERTIFICATE("certificate");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Category fromId(String id) {
        for (Category c : values()) {
            if (c.id.equals(id.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + id + "'");
    }
}

package dev.holdfast.cli;

import dev.holdfast.model.Finding;
import dev.holdfast.model.Status;
import dev.holdfast.scan.ScanResult;

import java.util.Locale;

/** Which findings fail a run: {@code none | new | regressed | any}. */
enum FailOn {
    NONE, NEW, REGRESSED, ANY;

    static FailOn parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on must be one of none, new, regressed, any (got '" + s + "')");
        }
    }

    boolean fails(Finding f) {
        if (f.status() == Status.FIXED) {
            return false;
        }
        boolean accepted = "true".equals(f.properties().get("accepted"));
        boolean expired = "true".equals(f.properties().get("acceptanceExpired"));
        return switch (this) {
            case NONE -> false;
            case REGRESSED -> f.status() == Status.REGRESSED;
            case NEW -> f.status() == Status.NEW || f.status() == Status.REGRESSED || expired;
            case ANY -> !accepted || expired;
        };
    }

    boolean fails(ScanResult result) {
        return result.findings().stream().anyMatch(this::fails);
    }
}

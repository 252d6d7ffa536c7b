package dev.holdfast.scanner.cloud;

import dev.holdfast.scanner.scan.ScanWarning;

import java.util.ArrayList;
import java.util.List;

/** Collects what an inventory could not read, and whether that makes the scan partial. */
public final class CallLog {
    private final List<ScanWarning> warnings = new ArrayList<>();
    private boolean partial;

    /** A call whose data the findings depend on failed: the result is partial. */
    public void missed(String call, String what, String reason) {
        warnings.add(new ScanWarning(call, "missed " + what + ": " + reason));
        partial = true;
    }

    /** Something optional was unavailable; findings that need it are simply not made. */
    public void note(String call, String reason) {
        warnings.add(new ScanWarning(call, reason));
    }

    public List<ScanWarning> warnings() {
        return List.copyOf(warnings);
    }

    public boolean partial() {
        return partial;
    }
}

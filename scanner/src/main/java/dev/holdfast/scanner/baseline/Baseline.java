package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.holdfast.rules.detect.Fingerprinter;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reviewed state of a repository: findings by fingerprint and the fix ledger. Maps are sorted so that the file
 * is stable and merge-friendly.
 *
 * @param salt the fingerprint key (base64 of 32 random bytes), created once and kept on every refresh: fingerprints
 *             are comparable only between scans that use the same key
 */
@JsonPropertyOrder({"schemaVersion", "salt", "findings", "ledger"})
public record Baseline(int schemaVersion, String salt, SortedMap<String, BaselineEntry> findings,
                       SortedMap<String, LedgerEntry> ledger) {

    public static final int SCHEMA_VERSION = 1;

    public Baseline {
        findings = findings == null ? new TreeMap<>() : new TreeMap<>(findings);
        ledger = ledger == null ? new TreeMap<>() : new TreeMap<>(ledger);
    }

    public Baseline(String salt, Map<String, BaselineEntry> findings, Map<String, LedgerEntry> ledger) {
        this(SCHEMA_VERSION, salt, findings == null ? null : new TreeMap<>(findings),
                ledger == null ? null : new TreeMap<>(ledger));
    }

    /** A fresh random salt: 32 bytes from a {@link SecureRandom}, base64. */
    public static String newSalt() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The key every scan compared with this baseline must fingerprint with. */
    @JsonIgnore
    public byte[] fingerprintKey() {
        return Base64.getDecoder().decode(salt);
    }

    @JsonIgnore
    public Fingerprinter fingerprinter() {
        return new Fingerprinter(fingerprintKey());
    }

    public Baseline withFindings(Map<String, BaselineEntry> f) {
        return new Baseline(schemaVersion, salt, new TreeMap<>(f), ledger);
    }
}

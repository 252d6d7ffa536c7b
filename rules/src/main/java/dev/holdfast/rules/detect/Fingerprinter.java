package dev.holdfast.rules.detect;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed fingerprints: rule + HMAC-SHA256 of the normalised subject + lineage. Keyed so that a baseline holding
 * fingerprints cannot be brute-forced back into low-entropy secrets without the key; never a bare hash of the value.
 */
public final class Fingerprinter {
    private final byte[] key;

    public Fingerprinter(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("fingerprint key must be at least 16 bytes");
        }
        this.key = key.clone();
    }

    /**
     * @param lineage the identity of the file the finding lives in, followed through renames (its first path), or ""
     *                for findings that are not tied to a file
     */
    public String fingerprint(String ruleId, String subject, String lineage) {
        return ruleId + ":" + hmac(ruleId + "\u0000" + subject + "\u0000" + (lineage == null ? "" : lineage))
                .substring(0, 32);
    }

    /** The keyed hash of a value alone, for allow-lists of value hashes and ledger matching. */
    public String valueHash(String value) {
        return hmac("value\u0000" + value);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

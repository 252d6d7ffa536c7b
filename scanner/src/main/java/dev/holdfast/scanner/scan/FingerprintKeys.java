package dev.holdfast.scanner.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fingerprint key used when no baseline provides one. It is public and stable so that fingerprints agree across
 * machines without a baseline; `holdfast baseline` generates a private salt, which then keys every fingerprint.
 */
public final class FingerprintKeys {
    private FingerprintKeys() {
    }

    public static byte[] defaultKey() {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest("holdfast/fingerprint/v1".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

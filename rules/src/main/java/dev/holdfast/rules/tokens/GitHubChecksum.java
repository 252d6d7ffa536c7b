package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * GitHub's token checksums: {@code ghp_}/{@code gho_}/{@code ghu_}/{@code ghr_} end in a base-62 CRC32 of their random
 * part; a fine-grained {@code github_pat_} token carries, after its 77-character body, the first eight base-32
 * characters of the body's SHA-256.
 */
final class GitHubChecksum implements TokenCheck {
    static final String NAME = "github-checksum";
    private static final String FINE_GRAINED = "github_pat_";
    private static final int FINE_GRAINED_BODY = 77;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final PrefixedCrc32 classic = new PrefixedCrc32(NAME, List.of("ghp_", "gho_", "ghu_", "ghr_"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        if (!value.startsWith(FINE_GRAINED)) {
            return classic.verify(value);
        }
        if (value.length() < FINE_GRAINED_BODY + 8) {
            return null;
        }
        String expected = sha256Base32(value.substring(0, FINE_GRAINED_BODY));
        return expected.equals(value.substring(FINE_GRAINED_BODY, FINE_GRAINED_BODY + 8))
                ? Map.of("checksum", "valid") : null;
    }

    @Override
    public String complete(String tokenSoFar) {
        if (!tokenSoFar.startsWith(FINE_GRAINED)) {
            return classic.complete(tokenSoFar);
        }
        if (tokenSoFar.length() != FINE_GRAINED_BODY) {
            throw new IllegalArgumentException(NAME + ": a fine-grained token body has " + FINE_GRAINED_BODY
                    + " characters, not " + tokenSoFar.length());
        }
        return sha256Base32(tokenSoFar);
    }

    /** The first eight base-32 characters of the SHA-256 (40 bits: five bytes). */
    private static String sha256Base32(String body) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = BASE32.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(out);
    }
}

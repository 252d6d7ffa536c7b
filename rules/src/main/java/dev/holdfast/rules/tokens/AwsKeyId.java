package dev.holdfast.rules.tokens;

import java.util.Map;

/**
 * AWS access key ids issued since about 2019 (fifth character Q or later) encode the account that owns them: the 40
 * bits after the flag bit of the base-32 body. The account is reported (it tells whose key leaked without calling
 * AWS); an id whose account would exceed twelve digits cannot have been issued. Older ids carry no account.
 */
final class AwsKeyId implements TokenCheck {
    static final String NAME = "aws-key-id";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long MAX_ACCOUNT = 999_999_999_999L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        if (value.length() != 20) {
            return Map.of();
        }
        // 48 bits from the first ten base-32 characters after the prefix (the first six bytes of the body)
        long bits = 0;
        for (int i = 4; i < 14; i++) {
            int v = BASE32.indexOf(value.charAt(i));
            if (v < 0) {
                return Map.of();
            }
            bits = (bits << 5) | v;
        }
        long z = bits >>> 2; // 50 bits read, the first 48 are the six bytes
        if ((z & (1L << 47)) == 0) {
            return Map.of();
        }
        long account = (z & 0x7fffffffff80L) >>> 7;
        return account > MAX_ACCOUNT ? null : Map.of("awsAccount", String.format("%012d", account));
    }
}

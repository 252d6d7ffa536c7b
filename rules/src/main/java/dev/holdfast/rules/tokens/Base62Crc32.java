package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** CRC32 of a token's random part written as six base-62 digits (0-9A-Za-z): GitHub's and npm's token checksum. */
final class Base62Crc32 {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62Crc32() {
    }

    static String of(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long n = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (n % 62));
            n /= 62;
        }
        return new String(out);
    }
}

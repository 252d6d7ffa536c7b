package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * GitLab's routable tokens ({@code glpat-<payload>.01.<length><crc>}) end in seven lowercase base-36 digits of the
 * CRC32 of everything before them. Tokens in the older format carry no checksum and pass unchecked.
 */
final class GitLabRoutableChecksum implements TokenCheck {
    static final String NAME = "gitlab-routable-checksum";
    private static final Pattern ROUTABLE = Pattern.compile("gl[a-z]+-[A-Za-z0-9_-]+\\.\\d{2}\\.[0-9a-z]{2}[0-9a-z]{7}");
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        if (!ROUTABLE.matcher(value).matches()) {
            return Map.of();
        }
        int body = value.length() - 7;
        return crc36(value.substring(0, body)).equals(value.substring(body)) ? Map.of("checksum", "valid") : null;
    }

    @Override
    public String complete(String tokenSoFar) {
        return crc36(tokenSoFar);
    }

    private static String crc36(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        long n = crc.getValue();
        char[] out = new char[7];
        for (int i = 6; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (n % 36));
            n /= 36;
        }
        return new String(out);
    }
}

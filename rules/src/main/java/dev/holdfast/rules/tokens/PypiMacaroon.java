package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A PyPI API token is {@code pypi-} and a base64url version-2 macaroon: the version byte, the location (pypi.org or
 * test.pypi.org), an identifier, and a 32-byte signature as the last field. A value that only starts like one is a
 * fragment or a fake.
 */
final class PypiMacaroon implements TokenCheck {
    static final String NAME = "pypi-macaroon";
    private static final int LOCATION = 1;
    private static final int IDENTIFIER = 2;
    private static final int SIGNATURE = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        if (!value.startsWith("pypi-")) {
            return null;
        }
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(value.substring(5).replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (b.length < 2 + 10 + 2 + 34 || b[0] != 2 || b[1] != LOCATION) {
            return null;
        }
        int locationLength = b[2] & 0xff;
        if (3 + locationLength + 2 > b.length) {
            return null;
        }
        String location = new String(b, 3, locationLength, StandardCharsets.US_ASCII);
        if (!location.equals("pypi.org") && !location.equals("test.pypi.org")) {
            return null;
        }
        int at = 3 + locationLength;
        if (b[at] != IDENTIFIER || (b[at + 1] & 0x80) != 0 || at + 2 + (b[at + 1] & 0xff) > b.length - 34) {
            return null;
        }
        return b[b.length - 34] == SIGNATURE && b[b.length - 33] == 32 ? Map.of("location", location) : null;
    }
}

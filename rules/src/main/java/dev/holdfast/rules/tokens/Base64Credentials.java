package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A Basic-auth style credential ({@code user:password} in base64, as in a Docker config's {@code "auth"} or an
 * {@code Authorization: Basic} header): it must decode to printable text with a colon and something after it. The
 * user name is reported; the password never is.
 */
final class Base64Credentials implements TokenCheck {
    static final String NAME = "base64-credentials";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon < 0 || colon == text.length() - 1 || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f
                || c == 0xfffd)) {
            return null;
        }
        String user = text.substring(0, colon);
        return user.isEmpty() || user.length() > 100 ? Map.of() : Map.of("user", user);
    }
}

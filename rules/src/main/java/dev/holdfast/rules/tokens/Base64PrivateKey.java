package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole PEM private key block written as one base64 string (Kubernetes secrets, CI variables, Helm values): it must
 * decode to a BEGIN line naming a private key followed by a key body, not to a header alone or a certificate.
 */
final class Base64PrivateKey implements TokenCheck {
    static final String NAME = "base64-private-key";
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----\\s*(?:[A-Za-z-]+:[^\\n]*\\n\\s*)*([A-Za-z0-9+/=\\s]{64,})");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        String text;
        try {
            text = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher m = BLOCK.matcher(text);
        return m.find() ? Map.of("keyType", m.group(1)) : null;
    }
}

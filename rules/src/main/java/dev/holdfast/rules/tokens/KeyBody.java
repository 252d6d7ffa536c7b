package dev.holdfast.rules.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The body of a private key block decodes to what its header promises: DER (an ASN.1 SEQUENCE) for PKCS#8 keys, the
 * {@code openssh-key-v1} magic for OpenSSH keys. Only the first bytes are decoded: a body cut short is still a key.
 *
 * @param magic the bytes the decoded body starts with
 */
record KeyBody(String name, byte[] magic) implements TokenCheck {
    static final KeyBody DER = new KeyBody("pem-der", new byte[] {0x30});
    static final KeyBody OPENSSH = new KeyBody("openssh-key", "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));

    @Override
    public Map<String, String> verify(String value) {
        String head = value.length() > 64 ? value.substring(0, 64) : value.substring(0, value.length() & ~3);
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(head);
            return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)
                    ? Map.of() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyBody k && k.name.equals(name) && Arrays.equals(k.magic, magic);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}

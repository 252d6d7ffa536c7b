package dev.holdfast.rules.tokens;

import java.util.Map;

/**
 * A check of a matched value's own structure, named in a rule's {@code validate:} list: a checksum that a made-up or
 * mistyped token fails, an encoding that must decode, a structure (JWT header, macaroon) that a real token has.
 */
public interface TokenCheck {

    /** The name rule files use. */
    String name();

    /**
     * @param value the matched secret (for {@code capture: pem}, the key body)
     * @return null when the value cannot be a real token of this kind; otherwise what the check learnt about it
     *         (empty, or properties such as the AWS account a key id belongs to)
     */
    Map<String, String> verify(String value);

    /**
     * The characters that complete a token whose start is given, so that rule examples and test fixtures can be
     * generated valid (a checksum suffix); only checks with a checksum support it.
     *
     * @throws UnsupportedOperationException when the check has nothing to append
     */
    default String complete(String tokenSoFar) {
        throw new UnsupportedOperationException(name() + " has no checksum to append");
    }
}

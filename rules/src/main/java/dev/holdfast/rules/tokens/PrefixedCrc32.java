package dev.holdfast.rules.tokens;

import java.util.List;
import java.util.Map;

/**
 * Tokens made of a prefix, a random body and a six-character base-62 CRC32 of the body: GitHub's {@code ghp_},
 * {@code gho_}, {@code ghu_}, {@code ghr_} tokens and npm's {@code npm_} tokens. A token with a known prefix but a
 * wrong checksum was made up or mistyped: it authenticates nothing.
 *
 * @param prefixes the prefixes this check knows; a value with another prefix passes unchecked (GitHub's installation
 *                 tokens {@code ghs_} carry no documented checksum)
 */
record PrefixedCrc32(String name, List<String> prefixes) implements TokenCheck {

    @Override
    public Map<String, String> verify(String value) {
        String prefix = prefixOf(value);
        if (prefix == null) {
            return Map.of();
        }
        int bodyEnd = value.length() - 6;
        if (bodyEnd <= prefix.length()) {
            return null;
        }
        String body = value.substring(prefix.length(), bodyEnd);
        return Base62Crc32.of(body).equals(value.substring(bodyEnd)) ? Map.of("checksum", "valid") : null;
    }

    @Override
    public String complete(String tokenSoFar) {
        String prefix = prefixOf(tokenSoFar);
        if (prefix == null) {
            throw new IllegalArgumentException(name + ": '" + tokenSoFar.substring(0, Math.min(6, tokenSoFar.length()))
                    + "…' does not start with one of " + prefixes);
        }
        return Base62Crc32.of(tokenSoFar.substring(prefix.length()));
    }

    private String prefixOf(String value) {
        for (String p : prefixes) {
            if (value.startsWith(p)) {
                return p;
            }
        }
        return null;
    }
}

package dev.holdfast.rules.tokens;

import java.util.Base64;
import java.util.Map;

/**
 * A Jira, Confluence or Bitbucket Data Center personal access token is the base64 of a twelve-digit token id, a colon
 * and twenty random bytes: 44 characters that decode to exactly that shape. Any other base64 run does not.
 */
final class AtlassianDcPat implements TokenCheck {
    static final String NAME = "atlassian-dc-pat";
    private static final int ID_DIGITS = 12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (b.length != ID_DIGITS + 1 + 20 || b[ID_DIGITS] != ':') {
            return null;
        }
        for (int i = 0; i < ID_DIGITS; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return null;
            }
        }
        return Map.of();
    }
}

package dev.holdfast.rules.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * A JSON Web Token's header and claims are base64url JSON objects and the header names its algorithm; three dotted
 * base64 runs that are not (a minified bundle, a versioned identifier) are not a token. The issuer, when present, is
 * reported: it says which system the token opens.
 */
final class JwtStructure implements TokenCheck {
    static final String NAME = "jwt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> verify(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        JsonNode header = object(parts[0]);
        JsonNode claims = object(parts[1]);
        if (header == null || claims == null || !header.path("alg").isTextual()) {
            return null;
        }
        JsonNode iss = claims.path("iss");
        if (iss.isTextual() && !iss.asText().isBlank()) {
            String issuer = iss.asText().replaceAll("\\p{Cntrl}", "?");
            return Map.of("issuer", issuer.length() > 100 ? issuer.substring(0, 100) : issuer);
        }
        return Map.of();
    }

    private static JsonNode object(String base64url) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(base64url));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }
}

package org.example.openssl;

/** Names of things that hold keys and tokens, not keys and tokens: PEM type labels and a token grammar. */
public class PemLabels {
    // bcpkix's PEMParser: the label of a PEM block, spelled in the constant's name
    public static final String TYPE_RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    public static final String TYPE_EC_PRIVATE_KEY = "EC PRIVATE KEY";
    public static final String TYPE_ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    public static final String TYPE_PRIVATE_KEY = "PRIVATE KEY";

    static {
        // junit's MediaType: RFC 2045's token grammar as a regular expression
        String whitespace = "[ \t]*";
        String token = "[0-9A-Za-z!#$%&'*+.^_`|~-]+";
        String secretPattern = "(?<secret>[A-Za-z0-9/+=]{40})";
        String apiKeyFormat = "^sk_live_[0-9a-zA-Z]{24}$";
    }

    // a real secret next to them is still reported
    private String apiKey = "{{SECRET_API}}";
}

package dev.holdfast.rules.tokens;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The named token checks rule files may list under {@code validate:}. */
public final class TokenChecks {
    private static final Map<String, TokenCheck> BY_NAME = index(List.of(
            new GitHubChecksum(),
            new PrefixedCrc32("npm-checksum", List.of("npm_")),
            new AwsKeyId(),
            new JwtStructure(),
            KeyBody.DER,
            KeyBody.OPENSSH,
            new PypiMacaroon(),
            new Base64Credentials(),
            new AtlassianDcPat(),
            new Base64PrivateKey(),
            new NotIdentifier(),
            new GitLabRoutableChecksum()));

    private TokenChecks() {
    }

    /** @throws IllegalArgumentException for an unknown name (the message lists the known ones) */
    public static TokenCheck named(String name) {
        TokenCheck c = BY_NAME.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown token check '" + name + "' (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return c;
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /**
     * A GitHub token with a valid checksum, for test fixtures and the demo: the prefix ({@code ghp_}, …) and 30
     * random characters, completed by their checksum.
     */
    public static String githubToken(String prefix, String random30) {
        String start = prefix + random30;
        return start + named(GitHubChecksum.NAME).complete(start);
    }

    /**
     * An AWS access key id for test fixtures and the demo: the prefix ({@code AKIA}, {@code ASIA}) and 16 random
     * base-32 characters, made one AWS could have issued (a body that would encode an impossible account is given the
     * older, account-free form).
     */
    public static String awsAccessKeyId(String prefix, String random16) {
        String id = prefix + random16;
        if (named(AwsKeyId.NAME).verify(id) == null) {
            id = prefix + "I" + random16.substring(1);
        }
        return id;
    }

    private static Map<String, TokenCheck> index(List<TokenCheck> checks) {
        Map<String, TokenCheck> m = new TreeMap<>();
        checks.forEach(c -> m.put(c.name(), c));
        return java.util.Collections.unmodifiableMap(m);
    }
}

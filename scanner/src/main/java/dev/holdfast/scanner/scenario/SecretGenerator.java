package dev.holdfast.scanner.scenario;

import dev.holdfast.rules.tokens.TokenChecks;

import java.util.Random;

/**
 * Makes secret-shaped values at run time so that no whole fixture secret is ever committed. A fixed seed gives the
 * same values on every run (tests); the demo uses a random one. Values pass the token checks (a GitHub token carries
 * its checksum), so the scanner treats them as it would real ones.
 */
public final class SecretGenerator {
    private static final String UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64 = ALNUM + "+/";

    private final Random random;

    public SecretGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A value of the given kind: {@code aws-access-key-id}, {@code aws-secret-access-key}, {@code github-token},
     * {@code password}.
     */
    public String generate(String kind) {
        return switch (kind) {
            case "aws-access-key-id" -> TokenChecks.awsAccessKeyId("AKIA", pick(UPPER32, 16));
            case "aws-secret-access-key" -> pick(B64, 40);
            case "github-token" -> TokenChecks.githubToken("ghp" + "_", pick(ALNUM, 30));
            case "password" -> pick(ALNUM, 20);
            default -> throw new IllegalArgumentException("unknown secret kind '" + kind + "'");
        };
    }

    private String pick(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

package dev.holdfast.scanner.scenario;

import java.util.Random;

/**
 * Makes secret-shaped values at run time so that no whole fixture secret is ever committed. A fixed seed gives the
 * same values on every run (tests); the demo uses a random one.
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
            case "aws-access-key-id" -> "AKIA" + pick(UPPER32, 16);
            case "aws-secret-access-key" -> pick(B64, 40);
            case "github-token" -> "ghp" + "_" + pick(ALNUM, 36);
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

package dev.holdfast.cli.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the placeholders of recorded-format cloud fixtures at test time, so that no secret-shaped value and no date
 * that ages is ever committed: {@code {{KEY:name}}} (an AWS access key id generated from the name),
 * {@code {{DAYS_AGO:n}}} / {@code {{DAYS_AHEAD:n}}} / {@code {{HOURS_AGO:n}}} (instants relative to the injected
 * "now"),
 * {@code {{URLENCODE:file}}} (a JSON file of the scenario, URL-encoded as the IAM Query API sends policies) and
 * {@code {{BASE}}} (the server's own URL, for nextLink / @odata.nextLink).
 */
public final class FixtureTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)(?::([^}]*))?}}");
    private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Instant now;
    private final Map<String, String> keyNames = new HashMap<>();
    private String base = "";

    public FixtureTemplates(Instant now) {
        this.now = now;
    }

    void base(String url) {
        this.base = url;
    }

    /** A deterministic, well-formed AWS access key id for a fixture name ("AKIA" + 16 base-32 characters). */
    public String key(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("fixture-key:" + name).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("AKIA");
            for (int i = 0; i < 16; i++) {
                sb.append(B32.charAt((h[i] & 0xff) % 32));
            }
            keyNames.put(sb.toString(), name);
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture name of a generated key id, or null. */
    String keyName(String keyId) {
        return keyNames.get(keyId);
    }

    String expand(String text, java.util.function.Function<String, Path> files) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String arg = m.group(2);
            String value = switch (m.group(1)) {
                case "KEY" -> key(arg);
                case "DAYS_AGO" -> now.minus(Duration.ofDays(Long.parseLong(arg))).toString();
                case "DAYS_AHEAD" -> now.plus(Duration.ofDays(Long.parseLong(arg))).toString();
                case "HOURS_AGO" -> now.minus(Duration.ofHours(Long.parseLong(arg))).toString();
                case "URLENCODE" -> URLEncoder.encode(read(files.apply(arg)).strip(), StandardCharsets.UTF_8)
                        .replace("+", "%20");
                case "BASE" -> base;
                default -> throw new IllegalArgumentException("unknown placeholder " + m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

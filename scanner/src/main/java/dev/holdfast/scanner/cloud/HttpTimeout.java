package dev.holdfast.scanner.cloud;

import java.time.Duration;
import java.util.Map;

/**
 * The socket / response timeout of the cloud HTTP clients: {@code HOLDFAST_HTTP_TIMEOUT_SECONDS} from the CLI's
 * environment, else the client's own default. Lets a user (and a test) bound a server that accepts and never answers.
 */
public final class HttpTimeout {
    public static final String ENV = "HOLDFAST_HTTP_TIMEOUT_SECONDS";

    private HttpTimeout() {
    }

    /** The configured timeout, or {@code fallback}; a value that is not a positive whole number is rejected. */
    public static Duration fromEnv(Map<String, String> env, Duration fallback) {
        String s = env == null ? null : env.get(ENV);
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(s.strip());
            if (seconds > 0 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ENV + " must be a whole number of seconds from 1 to 86400 (got '"
                + s.strip() + "')");
    }
}

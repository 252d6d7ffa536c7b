package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "USD";
    private static final int IDLE_TIMEOUT = 67;
    private static final String SECRET_KEY = "{{STRIPE_1}}";
    private static final int RETRIES = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(53);

    public String apiKey() {
        return SECRET_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

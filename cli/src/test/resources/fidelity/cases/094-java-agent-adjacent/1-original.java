package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "EUR";
    private static final String SECRET_KEY = "{{STRIPE_1}}";
    private static final int RETRIES = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(12);

    public String apiKey() {
        return SECRET_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

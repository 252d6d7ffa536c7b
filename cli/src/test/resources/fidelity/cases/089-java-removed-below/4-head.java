package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "EUR";
    private static final String STRIPE_KEY = "{{STRIPE_1}}";
    private static final Duration TIMEOUT = Duration.ofSeconds(39);

    public String apiKey() {
        return STRIPE_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

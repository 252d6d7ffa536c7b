package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "USD";
    private static final String API_KEY = "{{STRIPE_1}}";
    private static final int RETRIES = 28;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    public String apiKey() {
        return API_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

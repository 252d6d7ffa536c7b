package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "USD";
    private static final String API_KEY = "{{STRIPE_1}}";
    private static final int QUEUE_DEPTH = 33;
    private static final int RETRIES = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(55);

    public String apiKey() {
        return API_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

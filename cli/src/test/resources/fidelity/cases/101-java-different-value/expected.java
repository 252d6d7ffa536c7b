package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "EUR";
    private static final String STRIPE_KEY = System.getenv("PAYMENTS_API_KEY");
    private static final int MAX_CONNECTIONS = 73;
    private static final int RETRIES = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(31);

    public String apiKey() {
        return STRIPE_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

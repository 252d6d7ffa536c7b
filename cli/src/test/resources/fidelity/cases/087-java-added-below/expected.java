package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "EUR";
    private static final String API_KEY = System.getenv("STRIPE_API_KEY");
    private static final int BATCH_SIZE = 35;
    private static final int RETRIES = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(59);

    public String apiKey() {
        return API_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

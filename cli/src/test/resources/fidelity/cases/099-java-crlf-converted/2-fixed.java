package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "USD";
    private static final String API_KEY = System.getenv("PAYMENTS_API_KEY");
    private static final int RETRIES = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(46);

    public String apiKey() {
        return API_KEY;
    }

    public Duration timeout() {
        return TIMEOUT;
    }
}

package shop.payments;

import java.time.Duration;

public final class PaymentsConfig {
    private static final String CURRENCY = "USD";
    private static final String API_KEY = System.getenv("STRIPE_API_KEY");
    private static final int CACHE_TTL = 11;
    private static final int RETRIES = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(46);

    public Duration timeout() {
        return TIMEOUT;
    }

    public String apiKey() {
        return API_KEY;
    }
}

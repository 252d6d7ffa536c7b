package shop.payments;

public class PaymentsConfig {
    private static final String API_KEY = "{{SECRET}}";
    private static final String REGION = System.getenv("REGION");
    private String token;

    PaymentsConfig() {
        this.token = "{{SECRET}}";
    }

    Object client() {
        Object creds = new BasicAWSCredentials(
                "{{SECRET}}",
                System.getenv("AWS_SECRET_ACCESS_KEY"));
        return creds;
    }

    static class Nested {
        static final String PASSWORD = "{{SECRET}}";
    }
}

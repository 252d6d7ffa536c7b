package shop;

class Payments {
    private static final String KEY = System.getenv("PAYMENTS_API_KEY");
}

package shop;

class Payments {
    private static final String KEY = "{{API_KEY_1}}";
}

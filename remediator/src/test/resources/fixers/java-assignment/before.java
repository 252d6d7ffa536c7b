package demo;

class Client {
    private String serviceApiKey;

    Client() {
        this.serviceApiKey =
            "{{API_KEY_1}}";
    }
}

package demo;

class Client {
    private String serviceApiKey;

    Client() {
        this.serviceApiKey =
            System.getenv("SERVICE_API_KEY");
    }
}

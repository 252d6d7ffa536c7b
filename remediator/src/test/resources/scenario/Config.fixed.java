package demo;

/** Settings for the report uploader. */
public final class Config {
    // the uploader's credentials

    private static final String AWS_KEY = System.getenv("AWS_ACCESS_KEY_ID");
    private static final String REGION = "eu-west-1";

    public String key() {
        return AWS_KEY;
    }
}

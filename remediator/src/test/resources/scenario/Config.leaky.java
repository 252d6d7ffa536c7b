package demo;

/** Settings for the report uploader. */
public final class Config {
    // the uploader's credentials

    private static final String AWS_KEY = "{{AWS_KEY_1}}";
    private static final String REGION = "eu-west-1";

    public String key() {
        return AWS_KEY;
    }
}

package demo;

public final class Uploader {
    private static final String ACCESS_KEY = System.getenv("AWS_ACCESS_KEY_ID"); // for the nightly job
    private final String bucket = "reports";
}

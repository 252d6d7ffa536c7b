package demo;

public final class Uploader {
    private static final String ACCESS_KEY = "{{AWS_KEY_1}}"; // for the nightly job
    private final String bucket = "reports";
}

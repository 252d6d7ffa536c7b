package com.example;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Credentials come from the environment or placeholders: nothing to report. */
class Clean {
    private static final String PASSWORD_ENV = "DB_PASSWORD";
    private static final String TOKEN_HEADER = "X-Auth-Token";
    private String password = System.getenv(PASSWORD_ENV);

    @Value("${db.password}")
    private String dbPassword;

    void connect(String secret) throws Exception {
        DriverManager.getConnection(url(), "app", secret);
        new GitHubBuilder().withOAuthToken(System.getenv("GITHUB_TOKEN")).build();
        String apiKey = "";
        String token = "changeme";
        S3Client.builder().credentialsProvider(DefaultCredentialsProvider.create()).build();
        new PostgreSQLContainer<>("postgres:16").withPassword("test");
        KeyStore.getInstance("JKS").load(in, "changeit".toCharArray());
    }

    String url() {
        return "jdbc:postgresql://db/app";
    }
}

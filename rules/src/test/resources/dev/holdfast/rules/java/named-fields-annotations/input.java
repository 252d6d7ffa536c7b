package com.example;

import org.springframework.beans.factory.annotation.Value;

class Settings {
    private String apiKey = "{{SECRET_API}}";
    private static final String PASSWORD_FIELD = "password";
    private String clientSecret;
    private final String tokenUrl = "https://login.example.com/oauth2/token";

    @Value("{{SECRET_VALUE}}")
    private String webhookSecret;

    @Value("${payments.token}")
    private String paymentsToken;

    @DataSourceDefinition(name = "app", className = "org.h2.Driver", password = "{{SECRET_ANN}}")
    static class Db {
    }

    void init(java.util.Properties props) {
        this.clientSecret = "{{SECRET_ASSIGN}}";
        props.put("mail.smtp.password", "{{SECRET_PROP}}");
        props.put("mail.smtp.host", "smtp.example.com");
        String dbPassword = "DB_PASSWORD";
        String passwordPrompt = "Enter your password please";
        String csrfToken = "X-CSRF-TOKEN";
        String grantToken = "access_token";
        String signingSecret = "configuredElsewhere";
    }
}

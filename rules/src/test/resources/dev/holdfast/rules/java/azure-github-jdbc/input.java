package com.example;

import com.azure.identity.ClientSecretCredentialBuilder;
import org.kohsuke.github.GitHubBuilder;
import java.sql.DriverManager;

class Clients {
    void azure() {
        var credential = new ClientSecretCredentialBuilder()
                .tenantId("00000000-0000-0000-0000-000000000000")
                .clientId("11111111-1111-1111-1111-111111111111")
                .clientSecret("{{SECRET_AZURE}}")
                .build();
    }

    void github() throws Exception {
        GitHubBuilder builder = new GitHubBuilder();
        builder.withOAuthToken("{{GH_TOKEN_1}}").build();
        new GitHubBuilder().withPassword("bot", "{{SECRET_GH_PW}}").build();
    }

    void jdbc() throws Exception {
        DriverManager.getConnection("jdbc:postgresql://db/app", "app", "{{SECRET_DB}}");
        DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
        DriverManager.getConnection("jdbc:h2:mem:test");
    }
}

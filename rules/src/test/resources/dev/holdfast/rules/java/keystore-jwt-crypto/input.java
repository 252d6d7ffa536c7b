package com.example;

import java.net.PasswordAuthentication;
import java.security.KeyStore;
import javax.crypto.spec.SecretKeySpec;

class Crypto {
    private static final String JWT_KEY = "{{SECRET_JWT}}";

    void keystore(java.io.InputStream in) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(in, "{{SECRET_KS}}".toCharArray());
        ks.load(in, System.getenv("KS_PW").toCharArray());
        var trust = KeyStore.getInstance("JKS");
        trust.load(in, "{{SECRET_TRUST}}".toCharArray());
        properties.load(in, "not-a-keystore".toCharArray());
    }

    String token() {
        return Jwts.builder().setSubject("me").signWith(Keys.hmacShaKeyFor(JWT_KEY.getBytes())).compact();
    }

    Object aes() {
        return new SecretKeySpec("{{SECRET_AES}}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "AES");
    }

    PasswordAuthentication proxy() {
        return new PasswordAuthentication("proxyuser", "{{SECRET_PROXY}}".toCharArray());
    }

    void dataSource(HikariDataSource ds) {
        ds.setPassword("{{SECRET_DS}}");
        ds.setPassword("");
        ds.setPassword("${DB_PASSWORD}");
    }
}

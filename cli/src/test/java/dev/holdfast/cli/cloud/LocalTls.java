package dev.holdfast.cli.cloud;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 generated at test time with the JDK's keytool (nothing committed), the
 * server's SSLContext, and a trust store holding only that certificate for {@code javax.net.ssl.trustStore}.
 */
public final class LocalTls {
    /** Generated per run: the stores live in a temp directory only as long as the test. */
    private final String pass = java.util.UUID.randomUUID().toString();
    public final Path keyStore;
    public final Path trustStore;

    public LocalTls(Path dir) throws IOException, InterruptedException {
        keyStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", pass, "-keypass", pass);
        keytool("-exportcert", "-rfc", "-alias", "local", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", pass, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "local", "-file", cert.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", pass);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, pass.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** Makes the JVM's standard trust store this one (as a user would with -Djavax.net.ssl.trustStore=...). */
    public void trustForJvm() {
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", pass);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    public static void restoreJvmTrust() {
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }
}

package dev.holdfast.rules.cert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.catalogue.RuleTestReport;
import dev.holdfast.rules.support.SelfTesting;
import dev.holdfast.rules.support.RuleBook;
import dev.holdfast.rules.support.TextPositions;
import dev.holdfast.rules.support.Thresholds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * X.509 certificates in PEM text (any file), DER files and keystores that open with an empty or default password.
 * The subject of a finding is the certificate's SHA-256 fingerprint, which is public and stable.
 */
public final class CertificateDetector implements Detector, SelfTesting {
    public static final String EXPIRING_DAYS = "certExpiringDays";
    public static final String MAX_VALIDITY_DAYS = "certMaxValidityDays";

    private static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/cert/rules.yml");
    private static final List<String> PASSWORDS = read("passwords");
    private static final List<String> BUNDLE_NAMES = read("trustBundleNames");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s\\\\]+?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----");
    private static final byte[] PEM_MARK = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> DER_EXT = List.of(".der", ".cer", ".crt");
    private static final List<String> KEYSTORE_EXT = List.of(".p12", ".pfx", ".jks", ".keystore", ".ks", ".truststore");

    private final Clock clock;
    private final long expiringDays;
    private final long maxValidityDays;

    public CertificateDetector(Clock clock, Map<String, String> thresholds) {
        this.clock = clock;
        this.expiringDays = Thresholds.get(thresholds, EXPIRING_DAYS, 30);
        this.maxValidityDays = Thresholds.get(thresholds, MAX_VALIDITY_DAYS, 398);
    }

    @Override
    public String name() {
        return "certificate";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all();
    }

    /**
     * Binary files this detector reads (DER certificates, keystores): the scan loop skips binary content by default
     * and should hand these paths to this detector anyway.
     */
    @Override
    public boolean readsBinary(String path) {
        return isBinaryFormat(path);
    }

    public static boolean isBinaryFormat(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return DER_EXT.stream().anyMatch(lower::endsWith) || KEYSTORE_EXT.stream().anyMatch(lower::endsWith);
    }

    @Override
    public List<Detection> detect(Document document) {
        String lower = document.path().toLowerCase(Locale.ROOT);
        byte[] bytes = document.content();
        List<Found> certs = new ArrayList<>();
        if (KEYSTORE_EXT.stream().anyMatch(lower::endsWith)) {
            certs.addAll(keystore(bytes));
        } else if (indexOf(bytes, PEM_MARK) >= 0) {
            certs.addAll(pem(document.text()));
        } else if (DER_EXT.stream().anyMatch(lower::endsWith)) {
            certs.addAll(der(bytes));
        }
        // A vendored trust bundle (cacert.pem, a truststore, or simply many CA certificates in one file) holds roots
        // that live for decades by design, and an expired root in it can no longer vouch for anything: the roots'
        // lifetimes are not this repository's decision. Leaf certificates in such a file are still judged.
        boolean trustBundle = certs.size() > 3 || BUNDLE_NAMES.stream().anyMatch(n -> fileName(lower).contains(n));
        List<Detection> out = new ArrayList<>();
        for (Found f : certs) {
            if (!(trustBundle && f.cert().getBasicConstraints() >= 0)) {
                judge(f, out);
            }
        }
        return out;
    }

    private record Found(X509Certificate cert, int line, String alias) {
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void judge(Found f, List<Detection> out) {
        X509Certificate c = f.cert();
        Instant now = clock.instant();
        Instant notAfter = c.getNotAfter().toInstant();
        Instant notBefore = c.getNotBefore().toInstant();
        String fp = fingerprint(c);
        long validityDays = Duration.between(notBefore, notAfter).toDays();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sha256", fp);
        props.put("subjectDN", c.getSubjectX500Principal().getName());
        props.put("notBefore", notBefore.toString());
        props.put("notAfter", notAfter.toString());
        props.put("validityDays", Long.toString(validityDays));
        props.put("ca", Boolean.toString(c.getBasicConstraints() >= 0));
        if (f.alias() != null) {
            props.put("alias", f.alias());
        }
        String who = "Certificate '" + c.getSubjectX500Principal().getName() + "'"
                + (f.alias() == null ? "" : " (alias " + f.alias() + ")");
        String shown = "SHA256:" + fp;
        if (!notAfter.isAfter(now)) {
            out.add(RULES.detection("cert-expired", who + " expired on " + day(notAfter), f.line(), 1, fp, shown, props));
        } else if (notAfter.isBefore(now.plus(Duration.ofDays(expiringDays)))) {
            out.add(RULES.detection("cert-expiring-soon", who + " expires on " + day(notAfter) + ", within "
                    + expiringDays + " days", f.line(), 1, fp, shown, props));
        }
        if (validityDays > maxValidityDays) {
            out.add(RULES.detection("cert-validity-too-long", who + " is valid for " + validityDays
                    + " days (limit " + maxValidityDays + ")", f.line(), 1, fp, shown, props));
        }
    }

    private static String day(Instant i) {
        return i.toString().substring(0, 10);
    }

    private static List<Found> pem(String text) {
        List<Found> out = new ArrayList<>();
        TextPositions pos = new TextPositions(text);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der;
            try {
                // PEM embedded in a JSON or source string literal carries "\\n" escapes instead of new lines.
                der = Base64.getMimeDecoder().decode(m.group(1).replace("\\n", "").replace("\\r", ""));
            } catch (IllegalArgumentException e) {
                continue; // not base64: a placeholder or an example in documentation
            }
            for (X509Certificate c : parse(der)) {
                out.add(new Found(c, pos.line(m.start()), null));
            }
        }
        return out;
    }

    private static List<Found> der(byte[] bytes) {
        return parse(bytes).stream().map(c -> new Found(c, 1, null)).toList();
    }

    private static List<Found> keystore(byte[] bytes) {
        for (String type : List.of("PKCS12", "JKS")) {
            for (String pw : PASSWORDS) {
                try {
                    KeyStore ks = KeyStore.getInstance(type);
                    ks.load(new ByteArrayInputStream(bytes), pw.toCharArray());
                    List<Found> out = new ArrayList<>();
                    for (String alias : Collections.list(ks.aliases()).stream().sorted().toList()) {
                        Certificate[] chain = ks.getCertificateChain(alias);
                        Certificate single = ks.getCertificate(alias);
                        List<Certificate> certs = chain != null ? List.of(chain) : single == null ? List.of() : List.of(single);
                        for (Certificate c : certs) {
                            if (c instanceof X509Certificate x) {
                                out.add(new Found(x, 1, alias));
                            }
                        }
                    }
                    return out;
                } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                    // wrong type or password: try the next; a keystore no default opens is not readable
                }
            }
        }
        return List.of();
    }

    private static List<X509Certificate> parse(byte[] der) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (CertificateException e) {
            return List.of(); // not a certificate after all (e.g. a .crt that is something else)
        }
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> read(String key) {
        try (InputStream in = CertificateDetector.class.getResourceAsStream("/dev/holdfast/rules/cert/settings.yml")) {
            @SuppressWarnings("unchecked")
            Map<String, List<String>> raw = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return List.copyOf(raw.get(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate settings", e);
        }
    }

    @Override
    public RuleTestReport testRules() {
        return RULES.test(this);
    }
}

package dev.holdfast.rules.cert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases are {@code cert/<case>/spec.yml} (which certificates to generate, in which format) plus expected.yml; the
 * certificates are generated here, relative to a fixed clock.
 */
class CertificateDetectorTest {
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    private final CertificateDetector detector =
            new CertificateDetector(Clock.fixed(NOW, ZoneOffset.UTC), Map.of());

    static Stream<Path> cases() {
        return DetectorCases.cases("cert");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(Path caseDir) throws Exception {
        Spec spec = new ObjectMapper(new YAMLFactory()).readValue(caseDir.resolve("spec.yml").toFile(), Spec.class);
        Document doc = new Document(DetectorCases.documentPath(caseDir), build(spec));
        DetectorCases.check(detector, caseDir, doc, new TestSecrets());
    }

    record CertSpec(String cn, int notBeforeDays, int validityDays, boolean ca) {
    }

    record Spec(String format, String password, String prefix, List<CertSpec> certificates) {
    }

    private static byte[] build(Spec spec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (spec.prefix() != null) {
            out.write(spec.prefix().getBytes(StandardCharsets.UTF_8));
        }
        for (CertSpec c : spec.certificates()) {
            TestCertificates.Made m = TestCertificates.make(c.cn(), NOW.plus(Duration.ofDays(c.notBeforeDays())),
                    Duration.ofDays(c.validityDays()), c.ca());
            switch (spec.format()) {
                case "pem" -> out.write(TestCertificates.pem(m.cert()).getBytes(StandardCharsets.UTF_8));
                case "der" -> out.write(m.cert().getEncoded());
                case "pem-json" -> out.write(("{\n  \"cert\": \"" + TestCertificates.pem(m.cert()).replace("\n", "\\n")
                        + "\"\n}\n").getBytes(StandardCharsets.UTF_8));
                case "pkcs12", "jks" -> {
                    return TestCertificates.keystore(spec.format().equals("jks") ? "JKS" : "PKCS12",
                            spec.password(), c.cn(), m);
                }
                default -> throw new IllegalArgumentException("format " + spec.format());
            }
        }
        return out.toByteArray();
    }

    @Test
    void subjectIsTheSha256FingerprintAndNeverTheKey() throws Exception {
        TestCertificates.Made m = TestCertificates.make("ten-years", NOW.minus(Duration.ofDays(1)),
                Duration.ofDays(3650), false);
        List<Detection> found = detector.detect(new Document("tls/server.pem",
                TestCertificates.pem(m.cert()).getBytes(StandardCharsets.UTF_8)));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("cert-validity-too-long");
            assertThat(d.category().id()).isEqualTo("certificate");
            assertThat(d.subject()).isEqualTo(CertificateDetector.fingerprint(m.cert()));
            assertThat(d.properties()).containsEntry("validityDays", "3650");
        });
    }

    @Test
    void thresholdsAreConfigurable() throws Exception {
        TestCertificates.Made m = TestCertificates.make("year", NOW.minus(Duration.ofDays(1)),
                Duration.ofDays(365), false);
        byte[] pem = TestCertificates.pem(m.cert()).getBytes(StandardCharsets.UTF_8);
        CertificateDetector strict = new CertificateDetector(Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of(CertificateDetector.MAX_VALIDITY_DAYS, "90", CertificateDetector.EXPIRING_DAYS, "400"));
        assertThat(strict.detect(new Document("a.pem", pem))).extracting(Detection::ruleId)
                .containsExactlyInAnyOrder("cert-validity-too-long", "cert-expiring-soon");
        assertThat(detector.detect(new Document("a.pem", pem))).isEmpty();
    }
}

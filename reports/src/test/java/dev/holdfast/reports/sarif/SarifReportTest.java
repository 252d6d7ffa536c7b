package dev.holdfast.reports.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.SourceProvider;
import dev.holdfast.scanner.scan.ScanResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SarifReportTest {
    private static Schema schema;

    @TempDir
    Path root;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    static List<Error> validate(JsonNode sarif) {
        return schema.validate(sarif);
    }

    private JsonNode render(ScanResult result, ReportContext ctx) throws IOException {
        StringWriter out = new StringWriter();
        new SarifReport(ctx).render(result, out);
        return new ObjectMapper().readTree(out.toString());
    }

    private ReportContext ctx() throws IOException {
        Fixtures.writeSources(root);
        return ReportContext.withSources("1.2.3", SourceProvider.directory(root));
    }

    @Test
    void validatesAgainstTheOfficialSchema() throws IOException {
        JsonNode sarif = render(Fixtures.mixed(), ctx());
        assertThat(validate(sarif)).isEmpty();
        assertThat(validate(render(Fixtures.empty(), ctx()))).isEmpty();
    }

    @Test
    void theSchemaRejectsABrokenLog() throws IOException {
        // Guards the guard: a validator that accepts anything would make the test above meaningless.
        JsonNode sarif = render(Fixtures.mixed(), ctx());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif.get("runs").get(0).get("results").get(0))
                .put("level", "catastrophic");
        assertThat(validate(sarif)).isNotEmpty();
    }

    @Test
    void everyRuleCarriesWhatGithubReads() throws IOException {
        JsonNode driver = render(Fixtures.mixed(), ctx()).at("/runs/0/tool/driver");
        assertThat(driver.get("name").asText()).isEqualTo("holdfast");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
        List<String> ids = new ArrayList<>();
        for (JsonNode rule : driver.get("rules")) {
            ids.add(rule.get("id").asText());
            assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
            assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
            assertThat(rule.at("/help/text").asText()).isNotBlank();
            assertThat(rule.at("/help/markdown").asText()).isNotBlank();
            assertThat(rule.at("/properties/security-severity").asText()).matches("\\d+\\.\\d");
            assertThat(rule.at("/defaultConfiguration/level").asText()).isIn("error", "warning", "note");
            assertThat(rule.at("/properties/tags").toString()).contains("\"security\"");
        }
        assertThat(ids).isSorted();
        JsonNode aws = driver.get("rules").get(ids.indexOf("aws-access-key"));
        assertThat(aws.at("/properties/security-severity").asText()).isEqualTo("9.5");
        assertThat(aws.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(aws.at("/properties/tags").toString()).contains("\"secret\"", "\"CWE-798\"", "external/cwe/cwe-798");
        JsonNode cert = driver.get("rules").get(ids.indexOf("cert-expiry"));
        assertThat(cert.at("/properties/security-severity").asText()).isEqualTo("1.0");
        assertThat(cert.at("/defaultConfiguration/level").asText()).isEqualTo("note");
    }

    @Test
    void everyResultHasGithubsLineHashOfItsLineAndOurFingerprint() throws IOException {
        JsonNode run = render(Fixtures.mixed(), ctx()).at("/runs/0");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(4);
        for (JsonNode r : results) {
            String uri = r.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
            String path = java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            int line = r.at("/locations/0/physicalLocation/region/startLine").asInt();
            String text = Files.readString(root.resolve(path));
            assertThat(r.at("/partialFingerprints/primaryLocationLineHash").asText())
                    .isEqualTo(LineHash.forLine(text, line));
            assertThat(r.at("/partialFingerprints/holdfast~1v1").asText()).contains(":");
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText())
                    .isEqualTo("%SRCROOT%");
            JsonNode rule = run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt());
            assertThat(rule.get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        JsonNode first = results.get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("aws-access-key");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(first.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(15);
        assertThat(results.toString()).contains("certs/My%20Cert.pem");
    }

    @Test
    void regressionsAreMarkedAndSayWhichFixCameUndone() throws IOException {
        JsonNode r = render(Fixtures.mixed(), ctx()).at("/runs/0/results/0");
        assertThat(r.at("/message/text").asText()).startsWith("Regression: ")
                .contains("beef22222222").contains("Bob Builder").contains("Copilot (agent, for Alice Admin)");
        assertThat(r.at("/properties/status").asText()).isEqualTo("regressed");
        assertThat(r.get("baselineState").asText()).isEqualTo("new");
        assertThat(r.at("/properties/fixedBy/commit").asText()).startsWith("beef");
        assertThat(r.at("/properties/identityKind").asText()).isEqualTo("agent");
        assertThat(r.at("/properties/introducingCommit").asText()).startsWith("c0ffee");
        assertThat(r.get("level").asText()).isEqualTo("error");
    }

    @Test
    void cloudFindingsWithoutAFileAndFixedOnesStayOutAndAreCounted() throws IOException {
        ReportContext ctx = ctx();
        JsonNode run = render(Fixtures.mixed(), ctx).at("/runs/0");
        assertThat(run.get("results").toString()).doesNotContain("4444dddd", "5555eeee", "6666ffff");
        assertThat(run.at("/properties/holdfast~1findingsWithoutFile").asInt()).isEqualTo(2);
        assertThat(run.at("/properties/holdfast~1fixedFindings").asInt()).isEqualTo(1);
        assertThat(ctx.warnings().list()).anyMatch(w -> w.contains("2 cloud finding(s) without a file"));
        // A cloud finding mapped to its IaC file keeps its resource as a logical location.
        assertThat(run.get("results").toString()).contains("arn:aws:iam::123456789012:role/agents/report-agent");
    }

    @Test
    void unreadableFilesLoseOnlyTheLineHashWithAWarning() throws IOException {
        ReportContext ctx = ReportContext.minimal("1.2.3");
        JsonNode sarif = render(Fixtures.mixed(), ctx);
        assertThat(validate(sarif)).isEmpty();
        for (JsonNode r : sarif.at("/runs/0/results")) {
            assertThat(r.at("/partialFingerprints/primaryLocationLineHash").isMissingNode()).isTrue();
            assertThat(r.at("/partialFingerprints/holdfast~1v1").asText()).isNotEmpty();
        }
        assertThat(ctx.warnings().list()).anyMatch(w -> w.contains("no primaryLocationLineHash"));
    }

    @Test
    void tooManyResultsAreCutLeastSevereFirstWithAWarning() throws IOException {
        ReportContext ctx = ReportContext.minimal("1.2.3");
        StringWriter out = new StringWriter();
        new SarifReport(ctx, 10, -1).render(Fixtures.many(50), out);
        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertThat(validate(sarif)).isEmpty();
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results).hasSize(10);
        for (JsonNode r : results) {
            assertThat(r.get("level").asText()).isEqualTo("error"); // 10 critical first
        }
        assertThat(sarif.at("/runs/0/properties/holdfast~1resultsOmittedForLimits").asInt()).isEqualTo(40);
        assertThat(ctx.warnings().list()).anyMatch(w -> w.contains("40 of 50 result(s) left out"));
    }

    @Test
    void aLogOverTheGzipLimitIsShrunkBelowIt() throws IOException {
        ReportContext ctx = ReportContext.minimal("1.2.3");
        SarifReport report = new SarifReport(ctx, -1, 6_000);
        JsonNode sarif = report.build(Fixtures.many(400));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(sarif));
        }
        assertThat(bytes.size()).isLessThanOrEqualTo(6_000);
        assertThat(sarif.at("/runs/0/results").size()).isBetween(1, 399);
        assertThat(ctx.warnings().list()).anyMatch(w -> w.contains("left out to stay within GitHub's limits"));
    }

    @Test
    void uriEncodesEachSegment() {
        assertThat(SarifReport.uri("a b/c#d/e%f.txt")).isEqualTo("a%20b/c%23d/e%25f.txt");
        assertThat(SarifReport.uri("src/Main.java")).isEqualTo("src/Main.java");
        assertThat(SarifReport.uri("c:d/x")).isEqualTo("c%3Ad/x");
    }
}

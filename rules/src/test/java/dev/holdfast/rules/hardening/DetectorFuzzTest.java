package dev.holdfast.rules.hardening;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.StructuredDetectors;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Terraform, workflow YAML, CloudFormation/ARM templates, Bicep, IAM policy JSON, Java and certificates are untrusted
 * text. Whatever a detector is given, it returns detections or throws {@link DetectorException} (which the scan turns
 * into a per-file warning) — never another exception, never a hang. Property tests: 200 tries per grammar.
 */
class DetectorFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> PATHS = List.of("main.tf", "modules/iam/policy.tf",
            ".github/workflows/ci.yml", "template.yaml", "cfn/stack.json", "azuredeploy.json", "main.bicep",
            "policies/admin.json", "src/main/java/App.java", "certs/server.pem", "config.yml", ".env");
    private static final List<String> FRAGMENTS = List.of(
            // HCL
            "resource \"aws_iam_policy\" \"p\" {", "}", "{", "policy = <<EOF\n", "\nEOF\n", "jsonencode(", ")",
            "data \"aws_iam_policy_document\" \"d\" {", "statement {", "actions = [\"*\"]", "resources = [\"*\"]",
            "${var.x}", "${", "\"", "\\", "=", "#", "//", "/*", "*/", "\n", " ", "\t", "max_session_duration = 43200",
            "resource \"azuread_application_password\" \"p\" {", "end_date_relative = \"87600h\"",
            "resource \"aws_iam_access_key\" \"k\" {",
            // YAML / workflows
            "on: push\n", "jobs:\n", "  build:\n", "    runs-on: ubuntu-latest\n", "    steps:\n", "      - uses: ",
            "aws-actions/configure-aws-credentials@v4\n", "        with:\n", "          aws-access-key-id: ",
            "${{ secrets.AWS_KEY }}", "permissions: write-all\n", "- ", ": ", "&a ", "*a ", "!!binary ", "!Ref ",
            "!Sub ", "? ", "|\n", ">-\n", "---\n", "...\n", "%YAML 1.2\n", "[", "]", ",",
            // CloudFormation / ARM / JSON policies
            "AWSTemplateFormatVersion: '2010-09-09'\n", "Resources:\n", "  R:\n", "    Type: AWS::IAM::Role\n",
            "    Properties:\n", "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"",
            "\"Statement\"", "\"Effect\"", "\"Allow\"", "\"Action\"", "\"Resource\"", "\"*\"", "\"iam:PassRole\"",
            "{\"Version\":\"2012-10-17\",", "\"PolicyDocument\":", "null", "true", "-1e999", "1",
            // Bicep, Java, PEM
            "resource r 'Microsoft.Authorization/roleAssignments@2022-04-01' = {", "properties: {",
            "class A { String k = \"", "\"; }", "@Value(\"", "-----BEGIN CERTIFICATE-----\n",
            "-----END CERTIFICATE-----\n", "MIIB", "\u0000", "\uD800", "\u202e", "\u001b[31m");

    private static List<Detector> detectors() {
        List<Detector> all = new ArrayList<>();
        all.add(RuleCatalogue.builtin().detector(v -> false));
        all.addAll(StructuredDetectors.all(CLOCK, Map.of()));
        return all;
    }

    private static final List<Detector> DETECTORS = detectors();

    /** Runs every detector on the text at every path; only DetectorException is an allowed failure. */
    static void detectEverywhere(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (String path : PATHS) {
            for (Detector d : DETECTORS) {
                try {
                    List<Detection> found = d.detect(new Document(path, bytes));
                    assertThat(found).isNotNull();
                } catch (DetectorException e) {
                    assertThat(e.getMessage()).as(d.name() + " on " + path).isNotNull().doesNotContain("\n");
                }
            }
        }
    }

    @Property(tries = 200)
    void arbitraryTextGivesDetectionsOrADetectorException(@ForAll String text) {
        detectEverywhere(text);
    }

    @Property(tries = 200)
    void grammarShapedFragmentsGiveDetectionsOrADetectorException(@ForAll("fragments") String text) {
        detectEverywhere(text);
    }

    @Property(tries = 100)
    void arbitraryBytesGiveDetectionsOrADetectorException(@ForAll byte[] bytes) {
        detectEverywhere(new String(bytes, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(80).map(l -> String.join("", l));
    }

    /** One-megabyte single-line inputs for every detector where IaC, IAM, workflow and Java files live. */
    @TestFactory
    Stream<DynamicTest> oneMegabyteSingleLinesFinish() {
        List<String> units = List.of("a", "{", "[", "\"", "${", "{\"Statement\":[{\"Action\":\"*\",", "- ",
                "resource \"aws_iam_policy\" \"p\" { policy = jsonencode({", "Aa0+/=: ");
        List<String> paths = List.of("main.tf", ".github/workflows/ci.yml", "template.yaml", "policies/admin.json",
                "main.bicep", "src/main/java/App.java");
        return units.stream().map(unit -> DynamicTest.dynamicTest("1 MB of '" + unit + "'", () -> {
            byte[] line = RegexSafetyTest.fill(unit, 1 << 20).getBytes(StandardCharsets.UTF_8);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (String path : paths) {
                    for (Detector d : DETECTORS) {
                        try {
                            d.detect(new Document(path, line));
                        } catch (DetectorException e) {
                            assertThat(e.getMessage()).doesNotContain("\n");
                        }
                    }
                }
            }, () -> "1 MB of '" + unit + "' did not finish");
        }));
    }
}

package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.IamQueryServer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trust policy, one verdict, wherever it is read: each case of {@code trust/verdicts.yaml} is scanned as a policy
 * file, inside Terraform and inside CloudFormation ({@code holdfast scan}), and as the trust policy of a role in a live
 * account ({@code holdfast cloud aws} against a local IAM endpoint). Every path must give the case's verdict.
 */
class TrustVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIO = CloudAwsCommandTest.FIXTURES.resolve("trust-verdicts");
    /** Rule id of each path's finding to the verdict it stands for. */
    private static final Map<String, String> VERDICTS = Map.of(
            "iam-trust-any-principal", "any-principal", "iam-trust-oidc-no-sub", "oidc-no-sub",
            "iac-aws-trust-any-principal", "any-principal", "iac-aws-trust-oidc-no-sub", "oidc-no-sub",
            "aws-role-trust-any-principal", "any-principal", "aws-role-trust-oidc-no-sub", "oidc-no-sub",
            "aws-role-trust-cross-account-no-external-id", "cross-account-no-external-id");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyPathGivesTheSameVerdict() throws IOException {
        List<Map<String, String>> cases;
        try (InputStream in = getClass().getResourceAsStream("/trust/verdicts.yaml")) {
            cases = List.of(new ObjectMapper(new YAMLFactory()).readValue(in, Map[].class));
        }
        assertThat(cases).hasSizeGreaterThan(20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name"), () -> check(c)));
    }

    private void check(Map<String, String> c) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(c.get("name")));
        String policy = JSON.readTree(c.get("policy")).toPrettyString();
        Map<String, Set<String>> got = new TreeMap<>(files(dir.resolve("repo"), policy));
        got.put("live", live(dir.resolve("cloud"), policy));

        Set<String> want = verdict(c.get("verdict"));
        Map<String, Set<String>> expected = new TreeMap<>(Map.of("file", want, "terraform", want,
                "cloudformation", want, "live", c.containsKey("live") ? verdict(c.get("live")) : want));
        assertThat(got).as(c.get("name") + ": " + c.get("policy")).isEqualTo(expected);
    }

    private static Set<String> verdict(String v) {
        return v.equals("none") ? Set.of() : Set.of(v);
    }

    /** The policy as trust.json, in a Terraform role and in a CloudFormation role, scanned together. */
    private static Map<String, Set<String>> files(Path repo, String policy) throws Exception {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("trust.json"), policy);
        Files.writeString(repo.resolve("roles.tf"), "resource \"aws_iam_role\" \"under_test\" {\n"
                + "  name               = \"trust-under-test\"\n"
                + "  assume_role_policy = <<EOF\n" + policy + "\nEOF\n}\n");
        StringBuilder cfn = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
                + "  UnderTest:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n");
        policy.lines().forEach(l -> cfn.append("        ").append(l).append('\n'));
        Files.writeString(repo.resolve("stack.yaml"), cfn.toString());

        CliRunner.Run run = CliRunner.run("scan", repo.toString(), "--format", "json", "--fail-on", "none");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        Map<String, Set<String>> out = new TreeMap<>(Map.of("file", new TreeSet<>(), "terraform", new TreeSet<>(),
                "cloudformation", new TreeSet<>()));
        for (JsonNode f : JSON.readTree(run.out()).path("findings")) {
            String v = VERDICTS.get(f.path("ruleId").asText());
            String path = switch (f.at("/location/path").asText()) {
                case "trust.json" -> "file";
                case "roles.tf" -> "terraform";
                case "stack.yaml" -> "cloudformation";
                default -> null;
            };
            if (v != null && path != null) {
                out.get(path).add(v);
            }
        }
        return out;
    }

    /** The policy as the trust policy of role trust-under-test, inventoried through the AWS SDK. */
    private static Set<String> live(Path root, String policy) throws Exception {
        copy(SCENARIO, root.resolve("trust-verdicts"));
        copy(CloudAwsCommandTest.FIXTURES.resolve("errors"), root.resolve("errors"));
        Files.writeString(root.resolve("trust-verdicts/trust.json"), policy);
        try (IamQueryServer s = new IamQueryServer(root, "trust-verdicts",
                new FixtureTemplates(CloudAwsCommandTest.NOW))) {
            CliRunner.Run run = CliRunner.run(CloudAwsCommandTest.env(), "cloud", "aws", "--endpoint-url", s.url(),
                    "--format", "json", "--fail-on", "none");
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
            Set<String> out = new TreeSet<>();
            for (JsonNode f : JSON.readTree(run.out()).path("findings")) {
                String v = VERDICTS.get(f.path("ruleId").asText());
                if (v != null) {
                    assertThat(f.at("/location/resource").asText()).endsWith(":role/trust-under-test");
                    out.add(v);
                }
            }
            return out;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }
}

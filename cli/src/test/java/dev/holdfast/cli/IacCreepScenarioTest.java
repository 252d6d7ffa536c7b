package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's end-to-end shape through the CLI: long-lived credentials and privileged assignments in IaC and CI, and a
 * narrowed policy that an AI agent widens again after the baseline — reported as a regression of the narrowing.
 */
class IacCreepScenarioTest {

    @Test
    void agentWideningANarrowedPolicyIsARegressionAndIaCRisksAreFound(@TempDir Path dir) throws Exception {
        Scenario scenario;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/iac-creep.yaml")) {
            scenario = Scenario.read(in);
        }
        Path repo = dir.resolve("repo");
        ScenarioRepository.Built built = new ScenarioRepository(scenario, new SecretGenerator(7))
                .build(repo, Map.of("baseline", (root, step) -> {
                    CliRunner.Run r = CliRunner.run("baseline", root.toString());
                    assertThat(r.exit()).as(r.err()).isZero();
                }));
        tenYearCertificate(repo.resolve("certs/agent.pem"));

        CliRunner.Run run = CliRunner.run("scan", repo.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
        List<JsonNode> all = new ArrayList<>();
        findings.forEach(all::add);

        assertThat(at(all, ".github/workflows/deploy.yml")).anySatisfy(f ->
                assertThat(f.get("category").asText()).isEqualTo("long-lived-credential"));
        assertThat(at(all, ".github/workflows/oidc.yml")).isEmpty();
        assertThat(at(all, "infra/main.tf")).extracting(f -> f.get("category").asText())
                .contains("long-lived-credential", "privilege");
        assertThat(at(all, "certs/agent.pem")).anySatisfy(f ->
                assertThat(f.get("category").asText()).isEqualTo("certificate"));
        assertThat(at(all, "iam/read-only.json")).isEmpty();

        assertThat(at(all, "iam/deployer.json")).anySatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("regressed");
            assertThat(f.get("severity").asText()).isIn("high", "critical");
            assertThat(f.at("/introducedBy/kind").asText()).isEqualTo("agent");
            assertThat(f.at("/introducedBy/commit").asText()).isEqualTo(built.commit("agent-widens"));
            assertThat(f.at("/fixedBy/commit").asText()).isEqualTo(built.commit("bob-narrows"));
        });
    }

    private static List<JsonNode> at(List<JsonNode> all, String path) {
        return all.stream().filter(f -> path.equals(f.at("/location/path").asText())).toList();
    }

    /** A self-signed certificate valid for ten years, made with the JDK's keytool (no committed key). */
    private static void tenYearCertificate(Path pem) throws Exception {
        Files.createDirectories(pem.getParent());
        Path store = pem.resolveSibling("tmp.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String pass = "test-only-" + System.nanoTime();
        run(keytool, "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", pass,
                "-alias", "a", "-keyalg", "EC", "-validity", "3650", "-dname", "CN=agent.example.org");
        run(keytool, "-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", pass, "-alias", "a",
                "-file", pem.toString());
        Files.delete(store);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}

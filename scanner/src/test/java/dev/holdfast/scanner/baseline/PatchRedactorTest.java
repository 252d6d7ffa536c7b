package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.scanner.scenario.Scenario;
import dev.holdfast.scanner.scenario.ScenarioRepository;
import dev.holdfast.scanner.scenario.SecretGenerator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A fix's hunk holds the secret it removed: stored patches keep the change readable and every value redacted. */
class PatchRedactorTest {
    @Test
    void redactsFoundAndUnknownValuesAndKeepsIdentifiers() throws Exception {
        JsonNode c;
        try (InputStream in = getClass().getResourceAsStream("/baseline/patch-redaction.yaml")) {
            c = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        ScenarioRepository values = new ScenarioRepository(new Scenario("patch", null, Map.of(
                "AWS_KEY_1", "aws-access-key-id", "AWS_SECRET_1", "aws-secret-access-key", "PASSWORD_1", "password"),
                List.of(), List.of()), new SecretGenerator(99));
        String patch = values.expand(c.get("patch").asText());
        // The detector knows only the key id; the secret key and the password are left to the value mask.
        List<Detection> known = new TestDetector().detect(new Document("config/application.yml", patch.getBytes()));
        assertThat(known).hasSize(1);

        String safe = PatchRedactor.redact(patch, known);

        c.get("keep").forEach(k -> assertThat(safe).contains(k.asText()));
        c.get("gone").forEach(g -> assertThat(safe).doesNotContain(values.secrets().get(g.asText())));
        assertThat(safe.lines().count()).isEqualTo(patch.lines().count());
    }
}

package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.support.DetectorCases;
import dev.holdfast.rules.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases: iac-policies/<case>/input.* + expected.yml listing each embedded policy and the actions it grants. */
class IacPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() {
        return DetectorCases.cases("iac-policies");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void extractsEmbeddedPolicies(Path caseDir) throws Exception {
        Map<String, Object> expected = new ObjectMapper(new YAMLFactory())
                .readValue(caseDir.resolve("expected.yml").toFile(), Map.class);
        Document doc = DetectorCases.document(caseDir, new TestSecrets());
        List<EmbeddedPolicy> policies = IacPolicies.extract(doc);
        List<Map<String, Object>> actual = new ArrayList<>();
        String[] fileLines = doc.text().split("\n", -1);
        for (EmbeddedPolicy p : policies) {
            assertThat(p.path()).isEqualTo(doc.path());
            // Line-aligned: every action named on line k of the JSON is written on line (p.line() + k - 1) of the file.
            String[] jsonLines = p.json().split("\n", -1);
            for (int k = 0; k < jsonLines.length; k++) {
                java.util.regex.Matcher action = java.util.regex.Pattern.compile("\"([a-z0-9-]+:[A-Za-z*]+)\"")
                        .matcher(jsonLines[k]);
                while (action.find()) {
                    assertThat(fileLines[p.line() + k - 1]).as("file line " + (p.line() + k) + " for " + action.group(1))
                            .contains(action.group(1));
                }
            }
            JsonNode json = JSON.readTree(p.json());
            List<String> actions = new ArrayList<>();
            json.get("Statement").forEach(st -> {
                JsonNode a = st.get("Action");
                if (a.isArray()) {
                    a.forEach(x -> actions.add(x.asText()));
                } else {
                    actions.add(a.asText());
                }
            });
            actual.add(Map.of("resourceAddress", p.resourceAddress(), "attribute", p.attribute(), "kind", p.kind(),
                    "line", p.line(), "statementLines", p.statementLines(), "actions", actions));
        }
        assertThat(actual).isEqualTo(expected.get("policies"));
    }

    @Test
    void otherFilesHaveNoPolicies() {
        assertThat(IacPolicies.extract(new Document("README.md", "# hi".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }
}

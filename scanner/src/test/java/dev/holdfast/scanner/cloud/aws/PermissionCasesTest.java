package dev.holdfast.scanner.cloud.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.cloud.CloudGrant;
import dev.holdfast.rules.cloud.CloudRisk;
import dev.holdfast.rules.cloud.TrustEntry;
import dev.holdfast.rules.iam.PolicyDocument;
import dev.holdfast.rules.iam.TrustPolicyJudge;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Effective permissions per principal through the IAM engine (Deny, NotAction, MFA) and trust analysis, as data. */
class PermissionCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    @SuppressWarnings("unchecked")
    void permissionCases() throws Exception {
        URL root = getClass().getResource("permission-cases");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
            dirs = s.sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(4);
        IamEngineEvaluator engine = new IamEngineEvaluator();
        for (Path dir : dirs) {
            Map<String, Object> c = YAML.readValue(dir.resolve("policies.yml").toFile(), Map.class);
            List<PermissionEvaluator.PolicyText> docs = new ArrayList<>();
            ((Map<String, String>) c.get("policies")).forEach((k, v) -> docs.add(new PermissionEvaluator.PolicyText(k, v)));
            PermissionEvaluator.EffectivePermissions eff = engine.evaluate(docs);
            Map<String, Object> exp = (Map<String, Object>) c.get("expect");
            List<String> grants = eff.grants().stream().map(CloudGrant::key).toList();
            List<String> risks = eff.risks().stream().map(CloudRisk::kind).toList();
            String name = dir.getFileName().toString();
            assertThat(grants).as(name).containsAll((List<String>) exp.getOrDefault("grants", List.of()));
            for (String g : (List<String>) exp.getOrDefault("noGrants", List.of())) {
                assertThat(grants).as(name).doesNotContain(g);
            }
            assertThat(risks).as(name).containsAll((List<String>) exp.getOrDefault("risks", List.of()));
            for (String r : (List<String>) exp.getOrDefault("noRisks", List.of())) {
                assertThat(risks).as(name).doesNotContain(r);
            }
            if (exp.containsKey("allMfa")) {
                boolean all = eff.grants().stream().allMatch(g -> Boolean.TRUE.equals(g.mfaRequired()));
                assertThat(all).as(name).isEqualTo(exp.get("allMfa"));
            }
            assertThat(eff.warnings()).as(name).isEmpty();
        }
    }

    @Test
    void unreadablePolicyIsAWarningNotAFailure() {
        PermissionEvaluator.EffectivePermissions eff = new IamEngineEvaluator().evaluate(List.of(
                new PermissionEvaluator.PolicyText("inline:user/u/broken", "{\"Statement\": ["),
                new PermissionEvaluator.PolicyText("inline:user/u/ok",
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}")));
        assertThat(eff.warnings()).singleElement().asString().contains("inline:user/u/broken");
        assertThat(eff.grants()).extracting(CloudGrant::key).contains("s3:GetObject on *");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trustCases() throws Exception {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("trust-cases.yml")) {
            cases = YAML.readValue(in, List.class);
        }
        for (Map<String, Object> c : cases) {
            List<TrustEntry> entries = TrustPolicyJudge.standard().judge(PolicyDocument.parse((String) c.get("policy")),
                    "111122223333").stream().map(TrustEntry::of).toList();
            Map<String, String> issues = (Map<String, String>) c.get("issues");
            assertThat(entries).as((String) c.get("name")).hasSize(issues.size());
            for (TrustEntry e : entries) {
                String key = e.principalType() + " " + e.principal();
                assertThat(issues).as((String) c.get("name")).containsKey(key);
                assertThat(e.issue()).as(c.get("name") + " " + key).isEqualTo(issues.get(key));
            }
        }
    }
}

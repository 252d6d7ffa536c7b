package dev.holdfast.rules.iam;

import dev.holdfast.rules.detect.Detection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-policy API the cloud scan uses: a principal's inline, attached and group policies together. */
class EffectivePermissionsTest {

    private static NamedPolicy policy(String id, String statements) throws PolicyParseException {
        return new NamedPolicy(id, PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements
                + "]}"));
    }

    @Test
    void escalationAcrossPoliciesAndDenyFromAnother() throws Exception {
        NamedPolicy inline = policy("inline:user/agent/deploy",
                "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}");
        NamedPolicy attached = policy("arn:aws:iam::123456789012:policy/lambda-dev",
                "{\"Effect\":\"Allow\",\"Action\":[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"],"
                        + "\"Resource\":\"*\"}");
        PolicyAnalysis both = PolicyAnalyzer.standard().analyze(List.of(inline, attached));
        assertThat(both.escalations()).contains("lambda-001");
        assertThat(both.permissions().allows("iam:PassRole", "arn:aws:iam::123456789012:role/admin")).isTrue();
        assertThat(both.permissions().allows("s3:GetObject", "*")).isFalse();

        NamedPolicy group = policy("group/devs/deny-passrole",
                "{\"Effect\":\"Deny\",\"Action\":\"iam:Pass*\",\"Resource\":\"*\"}");
        PolicyAnalysis denied = PolicyAnalyzer.standard().analyze(List.of(inline, attached, group));
        assertThat(denied.escalations()).doesNotContain("lambda-001");
        assertThat(denied.permissions().allowsAnywhere("iam:PassRole")).isFalse();
        assertThat(denied.permissions().allowsAnywhere("lambda:CreateFunction")).isTrue();

        List<Detection> ds = IamPolicyDetector.toDetections(both, "arn:aws:iam::123456789012:user/agent");
        assertThat(ds).anySatisfy(d -> {
            assertThat(d.subject()).isEqualTo("arn:aws:iam::123456789012:user/agent|privesc:lambda-001");
            assertThat(d.properties()).containsEntry("policy", "inline:user/agent/deploy");
        });
    }

    @Test
    void scopedDenyOnlyRemovesWhatItCovers() throws Exception {
        NamedPolicy p = policy("p", "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::data/*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::data/*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::data/locked/*\"}");
        EffectivePermissions e = EffectivePermissions.of(List.of(p));
        assertThat(e.allows("s3:DeleteObject", "arn:aws:s3:::data/x")).isFalse();
        // A deny on a narrower resource cannot take the action off the wider grant as a whole.
        assertThat(e.allows("s3:PutObject", "arn:aws:s3:::data/x")).isTrue();
        assertThat(e.allows("s3:GetObject", "arn:aws:s3:::other/x")).isFalse();
    }

    @Test
    void conditionalDenyIsNotSubtracted() throws Exception {
        NamedPolicy p = policy("p", "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateAccessKey\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
                + "{\"aws:MultiFactorAuthPresent\":\"false\"}}}");
        PolicyAnalysis a = PolicyAnalyzer.standard().analyze(List.of(p));
        assertThat(a.escalations()).contains("iam-002");
        assertThat(a.issues()).anySatisfy(i -> assertThat(i.ruleId()).isEqualTo(IamRules.CREDENTIALS));
    }

    @Test
    void smallWildcardsAreTrackedActionByAction() throws Exception {
        PolicyAnalysis a = PolicyAnalyzer.standard().analyze(List.of(policy("p",
                "{\"Effect\":\"Allow\",\"Action\":[\"iam:PassRol*\",\"ec2:*\"],\"Resource\":\"*\"}")));
        assertThat(a.grants()).extracting(Grant::key).contains("iam:PassRole|*", "ec2:*|*")
                .doesNotContain("iam:PassRol*|*");
        Grant ec2 = a.grants().stream().filter(g -> g.action().equals("ec2:*")).findFirst().orElseThrow();
        assertThat(ec2.actionCount()).isGreaterThan(PolicyAnalyzer.EXPAND_LIMIT);
        assertThat(ec2.escalations()).contains("ec2-001");
    }

    @Test
    void mfaConditionsAreVisibleOnGrantsAndIssues() throws Exception {
        PolicyAnalysis a = PolicyAnalyzer.standard().analyze(List.of(policy("human-admin",
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
                        + "{\"aws:MultiFactorAuthPresent\":\"true\"}}},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\","
                        + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}")));
        Grant star = a.grants().stream().filter(g -> g.action().equals("*")).findFirst().orElseThrow();
        assertThat(star.requiresMfa()).isTrue();
        assertThat(star.conditionKeys()).containsExactly("aws:MultiFactorAuthPresent");
        Grant list = a.grants().stream().filter(g -> g.action().equals("s3:ListAllMyBuckets")).findFirst()
                .orElseThrow();
        assertThat(list.requiresMfa()).as("the unconditioned statement wins").isFalse();
        assertThat(a.permissions().isAdmin()).as("admin only under MFA").isFalse();
        assertThat(a.issues()).filteredOn(i -> i.ruleId().equals(IamRules.ADMIN)).singleElement()
                .satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(dev.holdfast.rules.model.Severity.HIGH);
                    assertThat(i.properties()).containsEntry("mfaRequired", "true");
                });
        assertThat(a.issues()).filteredOn(i -> i.ruleId().equals(IamRules.ESCALATION))
                .allSatisfy(i -> assertThat(i.properties()).containsEntry("mfaRequired", "true"));
    }

    @Test
    void documentsAsTheIamApiReturnsThem() {
        String inline = java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"iam:PassRole\",\"ec2:RunInstances\"],\"Resource\":\"*\"}]}",
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.Map<String, String> docs = new java.util.LinkedHashMap<>();
        docs.put("inline:user/ci-bot/run", inline);
        docs.put("arn:aws:iam::123456789012:policy/broken", "{\"Statement\": [");
        PolicyAnalyzer.DocumentsAnalysis r = PolicyAnalyzer.standard().analyzeDocuments(docs);
        assertThat(r.analysis().escalations()).contains("ec2-001");
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("arn:aws:iam::123456789012:policy/broken: invalid policy JSON");
    }
}

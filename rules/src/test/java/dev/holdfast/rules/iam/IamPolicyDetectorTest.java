package dev.holdfast.rules.iam;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.Category;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPolicyDetectorTest {
    private final IamPolicyDetector detector = new IamPolicyDetector();

    private List<Detection> detect(String path, String text) {
        return detector.detect(new Document(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ignoresFilesThatAreNotPolicies() {
        assertThat(detect("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}")).isEmpty();
        assertThat(detect("policy.yaml", "Statement: []")).isEmpty();
        // A CloudFormation template mentions Statement deep inside: not a raw policy, no warning either.
        assertThat(detect("stack.json", "{\"Resources\": {\"R\": {\"Properties\": {\"PolicyDocument\": 1,"
                + " \"X\": {\"Version\": \"2012-10-17\", \"Statement\": []}}}}}")).isEmpty();
        // Some other format that happens to use "Statement" and "Version".
        assertThat(detect("sql/plan.json", "{\"Version\": 3, \"Statement\": [{\"Text\": \"SELECT 1\"}]}")).isEmpty();
    }

    @Test
    void malformedPolicyIsAPerFileWarning() {
        assertThatThrownBy(() -> detect("iam/bad.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": 1"))
                .isInstanceOf(DetectorException.class)
                .hasMessageStartingWith("iam/bad.json: invalid policy JSON");
    }

    @Test
    void embeddedPoliciesUseTheirIdentityAndFileLines() {
        String json = "{\n \"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\", "
                + "\"Action\": \"*\", \"Resource\": \"*\"}]}";
        List<Detection> ds = detector.analyze("infra/main.tf", 20, "infra/main.tf#aws_iam_policy.ci", json);
        Detection admin = ds.stream().filter(d -> d.ruleId().equals(IamRules.ADMIN)).findFirst().orElseThrow();
        assertThat(admin.line()).isEqualTo(23);
        assertThat(admin.subject()).isEqualTo("infra/main.tf#aws_iam_policy.ci|admin");
        assertThat(admin.category()).isEqualTo(Category.PRIVILEGE);
        assertThatThrownBy(() -> detector.analyze("infra/main.tf", 5, "x", "{\"Resources\": {}}"))
                .isInstanceOf(DetectorException.class).hasMessageContaining("no Statement");
    }

    @Test
    void detectionsAreDeterministic() {
        String text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\","
                + "\"iam:PassRole\",\"ec2:RunInstances\"],\"Resource\":\"*\"}]}";
        assertThat(detect("a.json", text)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(detect("a.json", text));
    }

    @Test
    void listsItsRules() {
        assertThat(detector.rules()).extracting(r -> r.id()).contains(IamRules.GRANT, IamRules.ESCALATION,
                IamRules.ADMIN, IamRules.PASSROLE);
    }

    @Test
    void reserialisedPoliciesTakeTheirStatementLinesFromTheCaller() {
        // As the CloudFormation detector hands it over: intrinsics kept as objects, lines from the template.
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":{\"Fn::Sub\":\"arn:${AWS::Partition}:s3:::${ReportBucket}/*\"}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"iam:PassRole\",\"lambda:CreateFunction\","
                + "\"lambda:InvokeFunction\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}}]}";
        List<Detection> ds = detector.analyze("stack.yaml", "stack.yaml#DeployPolicy", json, List.of(31, 38), 30);
        assertThat(ds).filteredOn(d -> d.ruleId().equals(IamRules.ESCALATION)).singleElement()
                .satisfies(d -> {
                    assertThat(d.line()).isEqualTo(38);
                    assertThat(d.subject()).isEqualTo("stack.yaml#DeployPolicy|privesc:lambda-001");
                });
        assertThat(ds).anySatisfy(d -> {
            assertThat(d.subject()).isEqualTo("stack.yaml#DeployPolicy|grant:s3:GetObject|arn:${AWS::Partition}:s3:::${ReportBucket}/*");
            assertThat(d.line()).isEqualTo(31);
        });
        assertThat(ds).anySatisfy(d -> {
            assertThat(d.subject()).isEqualTo("stack.yaml#DeployPolicy|grant:sqs:SendMessage|${Queue.Arn}");
            assertThat(d.line()).isEqualTo(30);
        });
    }

    @Test
    void apiLinesAreStatementLinesDetectionsPointAtTheAction() throws Exception {
        String json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n"
                + "      \"Action\": [\n        \"iam:PassRole\"\n      ],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
        PolicyAnalysis a = PolicyAnalyzer.standard().analyze("p.json", PolicyDocument.parse(json));
        Grant g = a.grants().get(0);
        assertThat(g.line()).as("statement line, for callers that look statements up").isEqualTo(4);
        assertThat(g.lines()).containsExactly(7, 9);
        assertThat(a.issues()).allSatisfy(i -> assertThat(i.line()).isEqualTo(4));
        assertThat(IamPolicyDetector.toDetections(a, null)).allSatisfy(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.properties()).containsEntry("lines", "7,9");
        });
    }

    @Test
    void aByteOrderMarkDoesNotHideAPolicy() {
        String text = "\uFEFF{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        assertThat(detect("iam/admin.json", text)).extracting(Detection::ruleId).contains(IamRules.ADMIN);
    }
}

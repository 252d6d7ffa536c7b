package dev.holdfast.rules.iam;

import dev.holdfast.detect.Detection;
import dev.holdfast.detect.DetectorException;
import dev.holdfast.detect.Document;
import dev.holdfast.model.Category;
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
}

package dev.holdfast.rules.iam;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentTest {

    @Test
    void statementsKeepTheirLinesAndBothForms() throws Exception {
        String json = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
                    {
                      "Sid": "Two",
                      "Effect": "Deny",
                      "NotAction": ["iam:*", "sts:*"],
                      "NotResource": "arn:aws:iam::1:role/x",
                      "Condition": {"Bool": {"aws:MultiFactorAuthPresent": false}}
                    }
                  ]
                }
                """;
        PolicyDocument doc = PolicyDocument.parse(json);
        assertThat(doc.version()).isEqualTo("2012-10-17");
        assertThat(doc.statements()).hasSize(2);
        Statement a = doc.statements().get(0);
        assertThat(a.line()).isEqualTo(4);
        assertThat(a.allow()).isTrue();
        assertThat(a.actions()).containsExactly("s3:GetObject");
        Statement b = doc.statements().get(1);
        assertThat(b.line()).isEqualTo(5);
        assertThat(b.sid()).isEqualTo("Two");
        assertThat(b.allow()).isFalse();
        assertThat(b.notAction()).isTrue();
        assertThat(b.actions()).containsExactly("iam:*", "sts:*");
        assertThat(b.notResource()).isTrue();
        assertThat(b.conditionValues("aws:multifactorauthpresent")).containsExactly("false");
    }

    @Test
    void embeddedPolicyLinesPointIntoTheEnclosingFile() throws Exception {
        String json = "{\"Statement\": [\n{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
        assertThat(PolicyDocument.parse(json, 40).statements().get(0).line()).isEqualTo(41);
    }

    @Test
    void unwrapsCloudFormationAndApiShapes() throws Exception {
        String cfn = """
                {"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}
                """;
        assertThat(PolicyDocument.parse(cfn).statements().get(0).line()).isEqualTo(2);
        String inner = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        String encoded = URLEncoder.encode(inner, StandardCharsets.UTF_8);
        assertThat(PolicyDocument.parseUrlEncoded(encoded).statements().get(0).actions()).containsExactly("s3:*");
        String api = "{\"PolicyVersion\": {\"Document\": \"" + encoded + "\", \"VersionId\": \"v3\"}}";
        assertThat(PolicyDocument.parse(api).statements().get(0).actions()).containsExactly("s3:*");
    }

    @Test
    void principalsOfTrustPolicies() throws Exception {
        String trust = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
                  {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}
                """;
        PolicyDocument doc = PolicyDocument.parse(trust);
        assertThat(doc.statements().get(0).principals()).containsEntry("Service",
                java.util.List.of("lambda.amazonaws.com"));
        assertThat(doc.statements().get(1).principals()).containsKey("*");
        // A trust policy grants nothing to the role's holder.
        assertThat(PolicyAnalyzer.standard().analyze("trust.json", doc).grants()).isEmpty();
    }

    @Test
    void malformedInputFailsWithOneLineNamingWhereAndWhat() {
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\": \"2012-10-17\",\n \"Statement\": [ {\"Effect\": }"))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageStartingWith("invalid policy JSON")
                .hasMessageContaining("(line 2)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\": [{\"Effect\": \"Maybe\", \"Action\": \"*\"}]}"))
                .isInstanceOf(PolicyParseException.class).hasMessageContaining("Effect must be Allow or Deny");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": 5}]}"))
                .isInstanceOf(PolicyParseException.class).hasMessageContaining("Action must be a string");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\": [{\"Effect\": \"Allow\"}]}"))
                .isInstanceOf(PolicyParseException.class).hasMessageContaining("no Action or NotAction");
        assertThatThrownBy(() -> PolicyDocument.parse("[1,2]")).isInstanceOf(PolicyParseException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Resources\": {}}")).isInstanceOf(NotAPolicyException.class);
        assertThatThrownBy(() -> PolicyDocument.parse("")).isInstanceOf(PolicyParseException.class);
    }
}

package dev.holdfast.rules.iam;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy text is untrusted input: whatever it is, parsing either succeeds or fails with a one-line
 * {@link PolicyParseException}, and analysing what parsed never throws. No timing: a hang would stop the build.
 */
class PolicyParsePropertiesTest {
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\"Statement\"",
            "\"Version\"", "\"2012-10-17\"", "\"Effect\"", "\"Allow\"", "\"Deny\"", "\"Action\"", "\"NotAction\"",
            "\"Resource\"", "\"NotResource\"", "\"Principal\"", "\"Condition\"", "\"*\"", "\"iam:*\"",
            "\"s3:Get*\"", "\"iam:PassRole\"", "\"arn:aws:s3:::b/*\"", "null", "true", "1", "-0.5e9", "\"%7B\"",
            "\"PolicyDocument\"", "\"Document\"", "\"*?*?*?*?*?*?*?*?a\"", " ", "\n", "\u0000", "\"\uD800\"");

    @Property(tries = 250)
    void randomTextNeverThrowsAnythingElse(@ForAll String text) {
        parseAndAnalyze(text);
    }

    @Property(tries = 600)
    void policyShapedFragmentsNeverThrowAnythingElse(@ForAll("fragments") String text) {
        parseAndAnalyze(text);
    }

    @Property(tries = 60)
    void wellFormedRandomPoliciesAnalyse(@ForAll("policies") String json) throws PolicyParseException {
        PolicyDocument doc = PolicyDocument.parse(json);
        PolicyAnalysis a = PolicyAnalyzer.standard().analyze("p.json", doc);
        assertThat(a.grants()).allSatisfy(g -> assertThat(g.key()).isNotBlank());
        assertThat(IamPolicyDetector.toDetections(a, null)).allSatisfy(d -> assertThat(d.subject()).startsWith("p.json|"));
    }

    @Property(tries = 50)
    void deepNestingIsRejectedNotOverflowed(@ForAll @IntRange(min = 50, max = 5000) int depth) {
        parseAndAnalyze("{\"Statement\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        parseAndAnalyze("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Condition\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}]}");
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> policies() {
        Arbitrary<String> action = Arbitraries.oneOf(
                Arbitraries.of("*", "iam:*", "s3:Get*", "iam:PassRole", "lambda:CreateFunction", "lambda:Invoke*",
                        "ec2:RunInstances", "sts:AssumeRole", "nosuch:Thing", "*:List*", "iam:?ass*"),
                Arbitraries.strings().withChars("abcdefgiklmnoprstuvwxyz:*?").ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> resource = Arbitraries.of("*", "arn:aws:s3:::b/*", "arn:aws:iam::1:role/x",
                "arn:aws:iam::*:role/*", "arn:aws:lambda:*:*:function:f-*");
        Arbitrary<String> statement = Combinators.combine(Arbitraries.of("Allow", "Deny"),
                        Arbitraries.of("Action", "NotAction"), action.list().ofMinSize(1).ofMaxSize(5),
                        Arbitraries.of("Resource", "NotResource"), resource.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of("", ",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":"
                                + "\"lambda.amazonaws.com\"}}"))
                .as((effect, actKey, actions, resKey, resources, cond) -> "{\"Effect\":\"" + effect + "\",\""
                        + actKey + "\":" + jsonArray(actions) + ",\"" + resKey + "\":" + jsonArray(resources) + cond
                        + "}");
        return statement.list().ofMinSize(1).ofMaxSize(6)
                .map(l -> "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", l) + "]}");
    }

    private static String jsonArray(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    private static void parseAndAnalyze(String text) {
        try {
            PolicyDocument doc = PolicyDocument.parse(text);
            PolicyAnalyzer.standard().analyze("p.json", doc);
        } catch (PolicyParseException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
        try {
            PolicyDocument.parseUrlEncoded(text);
        } catch (PolicyParseException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
        assertThat(PolicyDocument.looksLikePolicy(text)).isIn(true, false);
    }
}

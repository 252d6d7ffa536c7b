package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.iam.PolicyDocument;
import dev.holdfast.rules.iam.PolicyParseException;
import dev.holdfast.rules.iam.Statement;
import dev.holdfast.rules.iam.TrustPolicyJudge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/**
 * A role's trust policy in infrastructure code (Terraform or CloudFormation), judged by {@link TrustPolicyJudge} as
 * policy files and live accounts are: one detection per statement that lets anyone assume the role or trusts an OIDC
 * provider without pinning the subject. Subjects are {@code <resource>|trust|<kind>|<principals>}.
 *
 * @param federated whether some statement trusts a federated or service principal (a machine role)
 */
record RoleTrust(boolean federated, List<Detection> detections) {
    private static final RoleTrust NONE = new RoleTrust(false, List.of());

    /**
     * @param resource the resource address or logical id the findings are about
     * @param props    the properties every detection of the resource carries
     */
    static RoleTrust judge(PolicyJson trust, String resource, Map<String, String> props) {
        PolicyDocument doc;
        try {
            doc = PolicyDocument.parse(trust.text(), trust.baseLine());
        } catch (PolicyParseException e) {
            return NONE; // a policy IAM would reject: nothing to judge
        }
        boolean federated = doc.statements().stream().anyMatch(s -> s.principals().containsKey("Federated")
                || s.principals().containsKey("Service"));
        Map<String, Detection> out = new LinkedHashMap<>();
        for (TrustPolicyJudge.Trusted t : TrustPolicyJudge.standard().judge(doc, null)) {
            Statement s = t.statement();
            if (t.verdict() == TrustPolicyJudge.Verdict.ANY_PRINCIPAL) {
                out.putIfAbsent(s.index() + "|any", RULES.detection("iac-aws-trust-any-principal",
                        "Role " + resource + " can be assumed by any AWS principal", s.line(), 1,
                        resource + "|trust|ANY_PRINCIPAL|*", resource, props));
            } else if (t.verdict() == TrustPolicyJudge.Verdict.OIDC_NO_SUB) {
                String federatedPrincipals = String.join(", ", s.principals().getOrDefault("Federated", List.of()));
                out.putIfAbsent(s.index() + "|oidc", RULES.detection("iac-aws-trust-oidc-no-sub",
                        "Role " + resource + " trusts OIDC provider " + federatedPrincipals
                                + " without a condition on the token's sub claim", s.line(), 1,
                        resource + "|trust|OIDC_WITHOUT_SUB|" + federatedPrincipals, resource, props));
            }
        }
        return new RoleTrust(federated, new ArrayList<>(out.values()));
    }
}

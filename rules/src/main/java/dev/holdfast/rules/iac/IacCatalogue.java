package dev.holdfast.rules.iac;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.support.NamePatterns;
import dev.holdfast.rules.support.RuleBook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The data the IaC detectors share: rule metadata, machine-identity words, Azure assignment hints, policy slots. */
final class IacCatalogue {
    static final RuleBook RULES = RuleBook.load("/dev/holdfast/rules/iac/rules.yml");
    static final NamePatterns MACHINE = NamePatterns.load("/dev/holdfast/rules/iac/machine-identity.yml");
    static final AzureAssignments AZURE = read("/dev/holdfast/rules/iac/azure-assignments.yml",
            AzureAssignments.class);
    static final AdminPolicies ADMIN_POLICIES = read("/dev/holdfast/rules/iac/aws-admin-policies.yml", AdminPolicies.class);
    static final PolicyAttributes POLICY_ATTRIBUTES =
            read("/dev/holdfast/rules/iac/policy-attributes.yml", PolicyAttributes.class);

    private IacCatalogue() {
    }

    /** What marks a role assignment's principal as a service principal, and its scope as broad. */
    record AzureAssignments(List<String> servicePrincipalReferences, List<String> servicePrincipalHints,
                            List<String> broadScopeReferences) {

        /** A principal_id expression that names a service principal or managed identity. */
        boolean isServicePrincipal(String principalId) {
            String lower = principalId.toLowerCase(Locale.ROOT);
            return servicePrincipalReferences.stream().anyMatch(principalId::contains)
                    || servicePrincipalHints.stream().anyMatch(lower::contains)
                    || (principalId.startsWith("var.") && MACHINE.match(principalId.substring(4)).isPresent());
        }
    }

    record AdminPolicy(String arn, String severity) {
    }

    record AdminPolicies(List<AdminPolicy> policies, Map<String, String> terraformAttachments) {

        /** The administrator-level policy this ARN text names (trailing interpolation or quotes ignored), if any. */
        Optional<AdminPolicy> match(String arnText) {
            if (arnText == null) {
                return Optional.empty();
            }
            String t = arnText.trim();
            return policies.stream().filter(p -> t.equals(p.arn()) || t.endsWith(":policy/" + p.arn()
                    .substring(p.arn().lastIndexOf('/') + 1)) && t.contains("iam::aws:policy/")).findFirst();
        }
    }

    record PolicyAttributes(Map<String, Map<String, String>> terraform, Map<String, Map<String, String>> cloudformation) {
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = IacCatalogue.class.getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdfast.rules.iam.TrustPolicyJudge;

import java.util.List;

/**
 * Who may assume a role, from its trust policy's Allow statements, as {@link TrustPolicyJudge} reads them.
 *
 * @param principalType AWS | Federated | Service
 * @param principal     "*", an account id / ARN, an OIDC provider ARN or a service; "* except …" for NotPrincipal
 * @param conditionKeys the condition keys constraining it, sorted (e.g. "sts:ExternalId", "token...:sub")
 * @param issue         any-principal | cross-account-no-external-id | oidc-no-sub, or null when well scoped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustEntry(String principalType, String principal, List<String> conditionKeys, String issue) {
    public TrustEntry {
        conditionKeys = conditionKeys == null ? List.of() : conditionKeys.stream().sorted().distinct().toList();
    }

    /** A principal the trust policy judge read, as the snapshot records it. */
    public static TrustEntry of(TrustPolicyJudge.Trusted t) {
        return new TrustEntry(t.type(), t.principal(), t.statement().conditionKeys(),
                t.verdict() == null ? null : t.verdict().id());
    }
}

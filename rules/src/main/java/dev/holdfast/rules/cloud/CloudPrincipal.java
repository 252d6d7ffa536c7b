package dev.holdfast.rules.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One identity: an IAM user, role or the root user; an Azure application or service principal.
 *
 * @param id                 ARN or Azure object resource id; the key everything else refers to
 * @param type               user | role | root | application | service-principal
 * @param kind               human | agent | bot | workload | unknown (the scanner's PrincipalClassifier tells it)
 * @param mfa                true when the principal's grants require MFA or it has an MFA device; null if unknown
 * @param maxSessionDuration seconds (AWS roles), else null
 * @param appId              Azure application (client) id linking an application to its service principal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudPrincipal(String id, String type, String name, String path, String kind, String created,
                             String lastUsed, Boolean mfa, Integer maxSessionDuration, String appId,
                             Map<String, String> tags, List<CloudCredential> credentials, List<CloudGrant> grants,
                             List<CloudRisk> risks, List<TrustEntry> trust, List<RoleAssignment> roleAssignments) {

    public CloudPrincipal {
        tags = tags == null ? Map.of() : new TreeMap<>(tags);
        credentials = sorted(credentials, Comparator.comparing(CloudCredential::type)
                .thenComparing(CloudCredential::id));
        grants = sorted(grants, CloudGrant.ORDER);
        risks = sorted(risks, Comparator.comparing(CloudRisk::kind).thenComparing(CloudRisk::id));
        trust = sorted(trust, Comparator.comparing(TrustEntry::principalType).thenComparing(TrustEntry::principal));
        roleAssignments = sorted(roleAssignments, Comparator.comparing(RoleAssignment::scope)
                .thenComparing(RoleAssignment::roleName).thenComparing(RoleAssignment::id));
    }

    private static <T> List<T> sorted(List<T> l, Comparator<T> c) {
        return l == null ? List.of() : l.stream().sorted(c).toList();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isMachine() {
        return !"human".equals(kind);
    }
}

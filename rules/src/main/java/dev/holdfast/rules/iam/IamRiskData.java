package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.catalogue.Glob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The action lists of {@code iam-risk.yml}: permissions-management overrides, credentials-exposure and
 * data-exfiltration actions. Entries may carry wildcards ("organizations:*Policy*").
 *
 * @param exposureRequires          an exposure action that reveals nothing on its own, to the actions it needs on the
 *                                  same resources (BatchGetSecretValue returns only what GetSecretValue allows)
 * @param resourceScopingConditions condition keys (wildcards allowed) that narrow the resources a statement reaches:
 *                                  a grant on "*" under one of them is not a grant on every resource
 */
public record IamRiskData(List<String> permissionsManagement, List<String> credentialsExposure,
                          List<String> dataExfiltration, Map<String, List<String>> exposureRequires,
                          List<String> resourceScopingConditions) {
    private static final String RESOURCE = "/dev/holdfast/rules/iam/iam-risk.yml";
    private static volatile IamRiskData bundled;

    public IamRiskData {
        permissionsManagement = List.copyOf(permissionsManagement);
        credentialsExposure = List.copyOf(credentialsExposure);
        dataExfiltration = List.copyOf(dataExfiltration);
        exposureRequires = Map.copyOf(exposureRequires);
        resourceScopingConditions = List.copyOf(resourceScopingConditions);
    }

    public static IamRiskData bundled() {
        IamRiskData d = bundled;
        if (d == null) {
            try (InputStream in = IamRiskData.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("IAM risk data " + RESOURCE + " is missing");
                }
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
                Map<String, List<String>> requires = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                root.path("exposureRequires").fields().forEachRemaining(e -> requires.put(e.getKey(),
                        list(root.path("exposureRequires"), e.getKey())));
                d = new IamRiskData(list(root, "permissionsManagement"), list(root, "credentialsExposure"),
                        list(root, "dataExfiltration"), requires, list(root, "resourceScopingConditions"));
                bundled = d;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read IAM risk data", e);
            }
        }
        return d;
    }

    /** The actions {@code action} needs on the same resources to reveal anything; empty when it stands alone. */
    List<String> requiredFor(String action) {
        for (Map.Entry<String, List<String>> e : exposureRequires.entrySet()) {
            if (e.getKey().equalsIgnoreCase(action)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** Whether a condition key narrows the resources a statement reaches (aws:ResourceTag/team, ...). */
    boolean scopesResources(String conditionKey) {
        return resourceScopingConditions.stream().anyMatch(p -> Glob.matches(p, conditionKey, true));
    }

    boolean promotesToPermissionsManagement(String action) {
        return permissionsManagement.stream().anyMatch(p -> Glob.matches(p, action, true));
    }

    private static List<String> list(JsonNode root, String key) {
        List<String> out = new ArrayList<>();
        root.path(key).forEach(n -> out.add(n.asText().strip()));
        return out;
    }
}

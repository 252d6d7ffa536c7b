package dev.holdfast.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The action lists of {@code iam-risk.yml}: permissions-management overrides, credentials-exposure and
 * data-exfiltration actions. Entries may carry wildcards ("organizations:*Policy*").
 */
public record IamRiskData(List<String> permissionsManagement, List<String> credentialsExposure,
                          List<String> dataExfiltration) {
    private static final String RESOURCE = "/dev/holdfast/rules/iam/iam-risk.yml";
    private static volatile IamRiskData bundled;

    public IamRiskData {
        permissionsManagement = List.copyOf(permissionsManagement);
        credentialsExposure = List.copyOf(credentialsExposure);
        dataExfiltration = List.copyOf(dataExfiltration);
    }

    public static IamRiskData bundled() {
        IamRiskData d = bundled;
        if (d == null) {
            try (InputStream in = IamRiskData.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("IAM risk data " + RESOURCE + " is missing");
                }
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
                d = new IamRiskData(list(root, "permissionsManagement"), list(root, "credentialsExposure"),
                        list(root, "dataExfiltration"));
                bundled = d;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read IAM risk data", e);
            }
        }
        return d;
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

package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.support.Thresholds;
import dev.holdfast.rules.support.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/**
 * ARM JSON templates: privileged role assignments to service principals at subscription / management-group scope
 * (from the template's deployment scope or an explicit {@code scope}), and passwordCredentials without a near
 * endDateTime.
 */
public final class ArmTemplateDetector implements Detector {
    private final SecretLifetime lifetime;

    public ArmTemplateDetector(Clock clock, Map<String, String> thresholds) {
        this.lifetime = new SecretLifetime(clock, Thresholds.get(thresholds, TerraformDetector.MAX_SECRET_DAYS, 180));
    }

    @Override
    public String name() {
        return "arm";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all().stream().filter(r -> r.id().startsWith("iac-azure-")).toList();
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!document.path().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return List.of();
        }
        String text = document.text();
        if (!text.contains("eploymentTemplate.json")) {
            return List.of();
        }
        Node root = YamlNodes.parse(text, document.path());
        String schema = YamlNodes.scalar(YamlNodes.get(root, "$schema"));
        if (schema == null || !schema.contains("eploymentTemplate.json")) {
            return List.of();
        }
        String templateScope = schema.contains("subscriptionDeploymentTemplate") ? "subscription"
                : schema.contains("managementGroupDeploymentTemplate") ? "management group"
                : schema.contains("tenantDeploymentTemplate") ? "tenant" : null;
        List<Detection> out = new ArrayList<>();
        walk(YamlNodes.get(root, "resources"), templateScope, out);
        return out;
    }

    private void walk(Node resources, String templateScope, List<Detection> out) {
        for (Node r : YamlNodes.items(resources)) {
            String type = YamlNodes.scalar(YamlNodes.get(r, "type"));
            String name = YamlNodes.scalar(YamlNodes.get(r, "name"));
            Node props = YamlNodes.get(r, "properties");
            if (type != null && type.toLowerCase(Locale.ROOT).endsWith("microsoft.authorization/roleassignments")) {
                String scope = YamlNodes.scalar(YamlNodes.get(r, "scope"));
                Node roleDef = YamlNodes.get(props, "roleDefinitionId");
                AzureRoleAssignments.check("arm", name == null ? type : name, YamlNodes.scalar(roleDef),
                                YamlNodes.scalar(YamlNodes.get(props, "principalType")),
                                YamlNodes.scalar(YamlNodes.get(props, "principalId")), scopeKind(scope, templateScope),
                                YamlNodes.line(roleDef), YamlNodes.column(roleDef))
                        .ifPresent(out::add);
            }
            passwords(name == null ? String.valueOf(type) : name, YamlNodes.get(props, "passwordCredentials"), out);
            walk(YamlNodes.get(r, "resources"), templateScope, out);
            walk(YamlNodes.get(YamlNodes.get(props, "template"), "resources"), templateScope, out);
        }
    }

    static String scopeKind(String scope, String templateScope) {
        if (scope == null || scope.isBlank()) {
            return templateScope;
        }
        String s = scope.replace(" ", "");
        if (s.contains("managementGroup") || s.contains("/providers/Microsoft.Management/managementGroups/")) {
            return "management group";
        }
        if (s.contains("resourceGroup") || s.contains("resourceId(") || s.contains("/resourceGroups/")) {
            return null;
        }
        if (s.contains("subscription()") || s.matches("^/subscriptions/[^/]+/?$")) {
            return "subscription";
        }
        return null;
    }

    private void passwords(String name, Node creds, List<Detection> out) {
        int i = 0;
        for (Node c : YamlNodes.items(creds)) {
            Node end = YamlNodes.get(c, "endDateTime");
            String endText = YamlNodes.scalar(end);
            Instant endAt = SecretLifetime.parseDate(endText);
            if (end != null && endAt == null) {
                continue; // an expression (e.g. dateTimeAdd(...)) we cannot evaluate
            }
            Node at = end != null ? end : c;
            Optional<String> why = lifetime.problem(endAt);
            String address = name + "|passwordCredentials[" + i++ + "]";
            why.ifPresent(w -> out.add(RULES.detection("iac-azure-secret-long-lived",
                    "Azure client secret in " + name + " " + w, YamlNodes.line(at), YamlNodes.column(at), address,
                    name, Map.of(FindingProperty.RESOURCE.key(), name, "format", "arm"))));
        }
    }
}
